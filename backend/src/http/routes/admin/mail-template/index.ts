import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerDeleteMailTemplate } from "./delete";
import { registerGetMailTemplate } from "./get";
import { registerPutMailTemplate } from "./put";

/** `/admin/mail-template` */
export function mailTemplateApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerGetMailTemplate(api, deps);
  registerPutMailTemplate(api, deps);
  registerDeleteMailTemplate(api, deps);
  return api;
}
