import { createRoute, z } from "@hono/zod-openapi";
import { WebhookEndpoint, WebhookEndpointUpdate } from "@tessera/shared";
import { updateWebhookEndpoint } from "../../../../outbound/webhook-endpoints";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { EndpointParams, TAG } from "./schema";

export const updateWebhookEndpointRoute = createRoute({
  method: "patch",
  path: "/{id}",
  tags: [TAG],
  summary: "Change an outbound webhook endpoint",
  description: "Fields left out stay as they are. A disabled endpoint is sent nothing new; its pending deliveries wait until it is enabled again.",
  request: { params: z.object(EndpointParams), body: jsonBody(WebhookEndpointUpdate) },
  responses: { 200: jsonContent(WebhookEndpoint, "The endpoint after the change"), ...errorResponses(400, 401, 404, 409) },
});

export function registerUpdateWebhookEndpoint(api: AdminApi, deps: AdminDeps) {
  api.openapi(updateWebhookEndpointRoute, async (c) =>
    c.json(await updateWebhookEndpoint(deps.db, deps.outbound, c.get("auth").accountId, c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
