import { createRoute } from "@hono/zod-openapi";
import { addProduct } from "../../../../catalog/catalog-edits";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { ProductCreate, ProductWithPolicies } from "@tessera/shared";

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
    return c.json(await addProduct(deps.db, c.get("auth").accountId, catalogCause(c), c.req.valid("json")), 201);
  });
}
