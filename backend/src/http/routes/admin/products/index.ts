import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerCreateProduct } from "./create";
import { registerDeleteProduct } from "./delete";
import { registerGetProduct } from "./get";
import { registerListProducts } from "./list";
import { registerUpdateProduct } from "./update";

/** `/admin/products` */
export function productsApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerListProducts(api, deps);
  registerGetProduct(api, deps);
  registerCreateProduct(api, deps);
  registerUpdateProduct(api, deps);
  registerDeleteProduct(api, deps);
  return api;
}
