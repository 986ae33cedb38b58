import { createRoute } from "@hono/zod-openapi";
import { withCatalogWrite } from "../../../../catalog/catalog-write";
import { updateProduct } from "../../../../catalog/products";
import { getProduct } from "../../../../catalog/read-catalog";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { ProductUpdate, ProductWithPolicies } from "@tessera/shared";
import { productWithPoliciesDto } from "../../../../catalog/catalog-dto";
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
    const { shortCode } = c.req.valid("param");
    const patch = c.req.valid("json");
    const accountId = c.get("auth").accountId;
    const product = await withCatalogWrite(deps.db, accountId, catalogCause(c), async (w) => {
      await updateProduct(w, shortCode, patch);
      return getProduct(w.tx, accountId, shortCode);
    });
    return c.json(productWithPoliciesDto(product), 200);
  });
}
