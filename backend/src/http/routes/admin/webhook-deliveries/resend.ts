import { createRoute, z } from "@hono/zod-openapi";
import { WebhookDelivery } from "@tessera/shared";
import { resendDelivery } from "../../../../outbound/webhook-endpoints";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, pathParam } from "../common-schema";

export const resendDeliveryRoute = createRoute({
  method: "post",
  path: "/{id}/resend",
  tags: ["Outbound webhooks"],
  summary: "Send a delivery again",
  description:
    "The same message with the same webhook-id, so a receiver that already has it can tell. A DELIVERED or FAILED delivery is PENDING again with a fresh count of attempts; the worker sends it on its next run.",
  request: { params: z.object({ id: pathParam("id", "0b5b2a9e-6f1e-4c1e-9a57-2f0c3f3f8c11") }) },
  responses: { 200: jsonContent(WebhookDelivery, "The delivery, due now"), ...errorResponses(401, 404, 409) },
});

export function registerResendDelivery(api: AdminApi, deps: AdminDeps) {
  api.openapi(resendDeliveryRoute, async (c) => c.json(await resendDelivery(deps.db, c.get("auth").accountId, c.req.valid("param").id), 200));
}
