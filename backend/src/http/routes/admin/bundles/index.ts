import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerCreateBundle } from "./create";
import { registerDeleteBundle } from "./delete";
import { registerGetBundle } from "./get";
import { registerListBundles } from "./list";
import { registerUpdateBundle } from "./update";

/** `/admin/bundles` */
export function bundlesApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerListBundles(api, deps);
  registerGetBundle(api, deps);
  registerCreateBundle(api, deps);
  registerUpdateBundle(api, deps);
  registerDeleteBundle(api, deps);
  return api;
}
