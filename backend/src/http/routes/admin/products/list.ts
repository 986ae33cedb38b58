import { createRoute } from "@hono/zod-openapi";
import { listProducts } from "../../../../catalog/read-catalog";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, listOf } from "../common-schema";
import { Product } from "@tessera/shared";
import { productDto } from "../../../../catalog/catalog-dto";

export const listProductsRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Catalog"],
  summary: "List the account's products",
  responses: { 200: jsonContent(listOf(Product), "Products by short code"), ...errorResponses(401) },
});

export function registerListProducts(api: AdminApi, deps: AdminDeps) {
  api.openapi(listProductsRoute, async (c) => {
    const products = await listProducts(deps.db, c.get("auth").accountId);
    return c.json({ data: products.map(productDto) }, 200);
  });
}
