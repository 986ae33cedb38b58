import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerListMailMessages } from "./list";
import { registerRetryMailMessage } from "./retry";

/** `/admin/mail-messages` */
export function mailMessagesApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerListMailMessages(api, deps);
  registerRetryMailMessage(api, deps);
  return api;
}
