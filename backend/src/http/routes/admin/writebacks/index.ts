import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerListParkedWritebacks } from "./list";
import { registerRetryParkedWritebacks } from "./retry";

/** `/admin/writebacks` */
export function writebacksApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerListParkedWritebacks(api, deps);
  registerRetryParkedWritebacks(api, deps);
  return api;
}
