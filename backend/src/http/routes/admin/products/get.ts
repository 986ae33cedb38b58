import { createRoute } from "@hono/zod-openapi";
import { getProduct } from "../../../../catalog/read-catalog";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent } from "../common-schema";
import { ProductWithPolicies } from "@tessera/shared";
import { productWithPoliciesDto } from "../../../../catalog/catalog-dto";
import { ShortCodeParams } from "./schema";

export const getProductRoute = createRoute({
  method: "get",
  path: "/{shortCode}",
  tags: ["Catalog"],
  summary: "Get a product with its policies",
  request: { params: ShortCodeParams },
  responses: { 200: jsonContent(ProductWithPolicies, "The product and its policies"), ...errorResponses(401, 404) },
});

export function registerGetProduct(api: AdminApi, deps: AdminDeps) {
  api.openapi(getProductRoute, async (c) => {
    const product = await getProduct(deps.db, c.get("auth").accountId, c.req.valid("param").shortCode);
    return c.json(productWithPoliciesDto(product), 200);
  });
}
