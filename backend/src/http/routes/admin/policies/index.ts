import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerCreatePolicy } from "./create";
import { registerDeletePolicy } from "./delete";
import { registerListPolicies } from "./list";
import { registerUpdatePolicy } from "./update";

/** `/admin/products/{shortCode}/policies` */
export function policiesApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerListPolicies(api, deps);
  registerCreatePolicy(api, deps);
  registerUpdatePolicy(api, deps);
  registerDeletePolicy(api, deps);
  return api;
}
