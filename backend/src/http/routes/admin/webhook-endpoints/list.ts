import { createRoute } from "@hono/zod-openapi";
import { WebhookEndpointList } from "@tessera/shared";
import { listWebhookEndpoints } from "../../../../outbound/webhook-endpoints";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent } from "../common-schema";
import { TAG } from "./schema";

export const listWebhookEndpointsRoute = createRoute({
  method: "get",
  path: "/",
  tags: [TAG],
  summary: "List the account's outbound webhook endpoints",
  description: "Oldest first. Signing secrets are never listed: each is shown once, when its endpoint is created.",
  responses: { 200: jsonContent(WebhookEndpointList, "The endpoints"), ...errorResponses(401) },
});

export function registerListWebhookEndpoints(api: AdminApi, deps: AdminDeps) {
  api.openapi(listWebhookEndpointsRoute, async (c) => c.json(await listWebhookEndpoints(deps.db, c.get("auth").accountId), 200));
}
