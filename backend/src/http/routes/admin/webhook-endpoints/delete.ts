import { createRoute, z } from "@hono/zod-openapi";
import { removeWebhookEndpoint } from "../../../../outbound/webhook-endpoints";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses } from "../common-schema";
import { EndpointParams, TAG } from "./schema";

export const deleteWebhookEndpointRoute = createRoute({
  method: "delete",
  path: "/{id}",
  tags: [TAG],
  summary: "Delete an outbound webhook endpoint",
  description: "Its deliveries go with it; pending ones are not sent.",
  request: { params: z.object(EndpointParams) },
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 404, 409) },
});

export function registerDeleteWebhookEndpoint(api: AdminApi, deps: AdminDeps) {
  api.openapi(deleteWebhookEndpointRoute, async (c) => {
    await removeWebhookEndpoint(deps.db, c.get("auth").accountId, c.req.valid("param").id);
    return c.body(null, 204);
  });
}
