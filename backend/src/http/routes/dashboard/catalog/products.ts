import { createRoute } from "@hono/zod-openapi";
import { ProductCreate, ProductUpdate, ProductWithPolicies } from "@tessera/shared";
import { addProduct, changeProduct } from "../../../../catalog/catalog-edits";
import { jsonBody, jsonContent } from "../../admin/common-schema";
import { ShortCodeParams } from "../../admin/products/schema";
import { errorResponses, identityFields, userCatalogCause, withoutIdentity, writableAccount, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const createProductRoute = createRoute({
  method: "post",
  path: "/products",
  tags: ["Dashboard"],
  ...signed,
  summary: "Create a product",
  request: { body: jsonBody(ProductCreate.extend(identityFields)) },
  responses: { 201: jsonContent(ProductWithPolicies, "The new product"), ...errorResponses(400, 401, 409) },
});

export const updateProductRoute = createRoute({
  method: "patch",
  path: "/products/{shortCode}",
  tags: ["Dashboard"],
  ...signed,
  summary: "Change a product's name, authorization, features or custom fields",
  request: { params: ShortCodeParams, body: jsonBody(ProductUpdate.extend(identityFields)) },
  responses: { 200: jsonContent(ProductWithPolicies, "The product after the change"), ...errorResponses(400, 401, 404, 409) },
});

export function registerProducts(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(createProductRoute, async (c) =>
    c.json(await addProduct(deps.db, writableAccount(c).id, userCatalogCause(c), withoutIdentity(c.req.valid("json"))), 201),
  );
  api.openapi(updateProductRoute, async (c) =>
    c.json(await changeProduct(deps.db, writableAccount(c).id, userCatalogCause(c), c.req.valid("param").shortCode, withoutIdentity(c.req.valid("json"))), 200),
  );
}
