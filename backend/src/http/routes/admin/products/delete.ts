import { createRoute } from "@hono/zod-openapi";
import { withCatalogWrite } from "../../../../catalog/catalog-write";
import { deleteProduct } from "../../../../catalog/products";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses } from "../common-schema";
import { ShortCodeParams } from "./schema";

export const deleteProductRoute = createRoute({
  method: "delete",
  path: "/{shortCode}",
  tags: ["Catalog"],
  summary: "Delete a product and its policies",
  description: "Only a product no license was made from and no bundle contains.",
  request: { params: ShortCodeParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 404, 409) },
});

export function registerDeleteProduct(api: AdminApi, deps: AdminDeps) {
  api.openapi(deleteProductRoute, async (c) => {
    const { shortCode } = c.req.valid("param");
    await withCatalogWrite(deps.db, c.get("auth").accountId, catalogCause(c), (w) => deleteProduct(w, shortCode));
    return c.body(null, 204);
  });
}
