import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerCreateLicenseUser } from "./create";
import { registerDeleteLicenseUser } from "./delete";
import { registerListLicenseUsers } from "./list";

/** `/admin/licenses/{id}/users` */
export function licenseUsersApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerListLicenseUsers(api, deps);
  registerCreateLicenseUser(api, deps);
  registerDeleteLicenseUser(api, deps);
  return api;
}
