import { createRoute, z } from "@hono/zod-openapi";
import { WebhookEndpoint, WebhookEndpointUpdate } from "@tessera/shared";
import { updateWebhookEndpoint } from "../../../../outbound/webhook-endpoints";
import { jsonBody, jsonContent } from "../../admin/common-schema";
import { EndpointParams } from "../../admin/webhook-endpoints/schema";
import { errorResponses, identityFields, signed, withoutIdentity, writableAccount, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const updateWebhookEndpointRoute = createRoute({
  method: "patch",
  path: "/webhook-endpoints/{id}",
  tags: ["Dashboard"],
  ...signed,
  summary: "Change an outbound webhook endpoint (URL, description, event types, enabled)",
  request: { params: z.object(EndpointParams), body: jsonBody(WebhookEndpointUpdate.extend(identityFields)) },
  responses: { 200: jsonContent(WebhookEndpoint, "The endpoint after the change"), ...errorResponses(400, 401, 404, 409) },
});

export function registerUpdateWebhookEndpoint(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(updateWebhookEndpointRoute, async (c) =>
    c.json(
      await updateWebhookEndpoint(deps.db, deps.outbound, writableAccount(c).id, c.req.valid("param").id, withoutIdentity(c.req.valid("json"))),
      200,
    ),
  );
}
