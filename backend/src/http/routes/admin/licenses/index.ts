import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerActivations } from "./activations";
import { registerDisableLicense } from "./disable";
import { registerEnableLicense } from "./enable";
import { registerGetLicense } from "./get";
import { registerListLicenses } from "./list";

/** `/admin/licenses` */
export function licensesApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerListLicenses(api, deps);
  registerGetLicense(api, deps);
  registerEnableLicense(api, deps);
  registerDisableLicense(api, deps);
  registerActivations(api, deps);
  return api;
}
