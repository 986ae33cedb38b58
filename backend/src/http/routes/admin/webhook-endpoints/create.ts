import { createRoute } from "@hono/zod-openapi";
import { CreatedWebhookEndpoint, WebhookEndpointCreate } from "@tessera/shared";
import { addWebhookEndpoint } from "../../../../outbound/webhook-endpoints";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { TAG } from "./schema";

export const createWebhookEndpointRoute = createRoute({
  method: "post",
  path: "/",
  tags: [TAG],
  summary: "Register an outbound webhook endpoint",
  description:
    "License events (created, renewed, disabled, enabled, refunded) are POSTed to the URL, signed with Standard Webhooks. " +
    "`eventTypes` left out or empty: every type. The answer holds the signing secret (whsec_…), shown this once. " +
    "URLs on private or loopback addresses are refused unless the server allows them (WEBHOOK_ALLOW_PRIVATE_URLS).",
  request: { body: jsonBody(WebhookEndpointCreate) },
  responses: { 201: jsonContent(CreatedWebhookEndpoint, "The endpoint, with its signing secret"), ...errorResponses(400, 401, 409, 503) },
});

export function registerCreateWebhookEndpoint(api: AdminApi, deps: AdminDeps) {
  api.openapi(createWebhookEndpointRoute, async (c) =>
    c.json(await addWebhookEndpoint(deps.db, deps.outbound, c.get("auth").accountId, c.req.valid("json")), 201),
  );
}
