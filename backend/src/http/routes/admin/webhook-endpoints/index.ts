import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerCreateWebhookEndpoint } from "./create";
import { registerDeleteWebhookEndpoint } from "./delete";
import { registerListDeliveries } from "./deliveries";
import { registerListWebhookEndpoints } from "./list";
import { registerUpdateWebhookEndpoint } from "./update";

/** `/admin/webhook-endpoints` */
export function webhookEndpointsApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerListWebhookEndpoints(api, deps);
  registerCreateWebhookEndpoint(api, deps);
  registerUpdateWebhookEndpoint(api, deps);
  registerDeleteWebhookEndpoint(api, deps);
  registerListDeliveries(api, deps);
  return api;
}
