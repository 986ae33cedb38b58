import { createRoute } from "@hono/zod-openapi";
import { withCatalogWrite } from "../../../../catalog/catalog-write";
import { createProduct } from "../../../../catalog/products";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { ProductCreate, ProductWithPolicies } from "@tessera/shared";
import { productWithPoliciesDto } from "../../../../catalog/catalog-dto";

export const createProductRoute = createRoute({
  method: "post",
  path: "/",
  tags: ["Catalog"],
  summary: "Create a product",
  description: "The short code must not be used by another product or a bundle of the account.",
  request: { body: jsonBody(ProductCreate) },
  responses: { 201: jsonContent(ProductWithPolicies, "The new product (no policies yet)"), ...errorResponses(400, 401, 409) },
});

export function registerCreateProduct(api: AdminApi, deps: AdminDeps) {
  api.openapi(createProductRoute, async (c) => {
    const input = c.req.valid("json");
    const product = await withCatalogWrite(deps.db, c.get("auth").accountId, catalogCause(c), (w) => createProduct(w, input));
    return c.json(productWithPoliciesDto({ ...product, policies: [] }), 201);
  });
}
