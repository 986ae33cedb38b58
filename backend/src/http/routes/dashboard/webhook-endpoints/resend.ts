import { createRoute, z } from "@hono/zod-openapi";
import { WebhookDelivery } from "@tessera/shared";
import { resendDelivery } from "../../../../outbound/webhook-endpoints";
import { jsonBody, jsonContent } from "../../admin/common-schema";
import { EndpointParams } from "../../admin/webhook-endpoints/schema";
import { errorResponses, IdentityOnly, signed, writableAccount, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const resendDeliveryRoute = createRoute({
  method: "post",
  path: "/webhook-deliveries/{id}/resend",
  tags: ["Dashboard"],
  ...signed,
  summary: "Send a delivery again, with the same webhook-id",
  request: { params: z.object(EndpointParams), body: jsonBody(IdentityOnly) },
  responses: { 200: jsonContent(WebhookDelivery, "The delivery, due now"), ...errorResponses(401, 404, 409) },
});

export function registerResendDelivery(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(resendDeliveryRoute, async (c) => c.json(await resendDelivery(deps.db, writableAccount(c).id, c.req.valid("param").id), 200));
}
