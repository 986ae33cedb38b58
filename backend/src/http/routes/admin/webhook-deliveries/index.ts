import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerResendDelivery } from "./resend";

/** `/admin/webhook-deliveries` */
export function webhookDeliveriesApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerResendDelivery(api, deps);
  return api;
}
