import { createRoute } from "@hono/zod-openapi";
import { changeProduct } from "../../../../catalog/catalog-edits";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { ProductUpdate, ProductWithPolicies } from "@tessera/shared";
import { ShortCodeParams } from "./schema";

export const updateProductRoute = createRoute({
  method: "patch",
  path: "/{shortCode}",
  tags: ["Catalog"],
  summary: "Change a product",
  description: "Fields left out stay as they are. Its policies must still fit (features, custom fields, user-only terms). Existing licenses keep their spec.",
  request: { params: ShortCodeParams, body: jsonBody(ProductUpdate) },
  responses: { 200: jsonContent(ProductWithPolicies, "The product after the change"), ...errorResponses(400, 401, 404) },
});

export function registerUpdateProduct(api: AdminApi, deps: AdminDeps) {
  api.openapi(updateProductRoute, async (c) => {
    return c.json(await changeProduct(deps.db, c.get("auth").accountId, catalogCause(c), c.req.valid("param").shortCode, c.req.valid("json")), 200);
  });
}
