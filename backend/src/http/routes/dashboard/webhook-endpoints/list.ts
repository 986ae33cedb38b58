import { createRoute } from "@hono/zod-openapi";
import { WebhookEndpointList } from "@tessera/shared";
import { listWebhookEndpoints } from "../../../../outbound/webhook-endpoints";
import { jsonContent } from "../../admin/common-schema";
import { connectedAccount, errorResponses, IdentityOnly, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const listWebhookEndpointsRoute = createRoute({
  method: "get",
  path: "/webhook-endpoints",
  tags: ["Dashboard"],
  ...signed,
  summary: "The account's outbound webhook endpoints, oldest first (never their secrets)",
  request: { query: IdentityOnly },
  responses: { 200: jsonContent(WebhookEndpointList, "The endpoints"), ...errorResponses(400, 401, 409) },
});

export function registerListWebhookEndpoints(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(listWebhookEndpointsRoute, async (c) => c.json(await listWebhookEndpoints(deps.db, connectedAccount(c).id), 200));
}
