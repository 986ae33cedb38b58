import { createRoute } from "@hono/zod-openapi";
import { CreatedWebhookEndpoint, WebhookEndpointCreate } from "@tessera/shared";
import { addWebhookEndpoint } from "../../../../outbound/webhook-endpoints";
import { jsonBody, jsonContent } from "../../admin/common-schema";
import { errorResponses, identityFields, signed, withoutIdentity, writableAccount, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const createWebhookEndpointRoute = createRoute({
  method: "post",
  path: "/webhook-endpoints",
  tags: ["Dashboard"],
  ...signed,
  summary: "Register an outbound webhook endpoint; the answer shows its signing secret, this once",
  request: { body: jsonBody(WebhookEndpointCreate.extend(identityFields)) },
  responses: { 201: jsonContent(CreatedWebhookEndpoint, "The endpoint, with its signing secret"), ...errorResponses(400, 401, 409, 503) },
});

export function registerCreateWebhookEndpoint(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(createWebhookEndpointRoute, async (c) =>
    c.json(await addWebhookEndpoint(deps.db, deps.outbound, writableAccount(c).id, withoutIdentity(c.req.valid("json"))), 201),
  );
}
