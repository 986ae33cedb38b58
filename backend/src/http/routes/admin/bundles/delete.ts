import { createRoute } from "@hono/zod-openapi";
import { deleteBundle } from "../../../../catalog/bundles";
import { withCatalogWrite } from "../../../../catalog/catalog-write";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses } from "../common-schema";
import { BundleParams } from "./schema";

export const deleteBundleRoute = createRoute({
  method: "delete",
  path: "/{code}",
  tags: ["Catalog"],
  summary: "Delete a bundle",
  description: "Only a bundle no license was sold from; its member products stay.",
  request: { params: BundleParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 404, 409) },
});

export function registerDeleteBundle(api: AdminApi, deps: AdminDeps) {
  api.openapi(deleteBundleRoute, async (c) => {
    const { code } = c.req.valid("param");
    await withCatalogWrite(deps.db, c.get("auth").accountId, catalogCause(c), (w) => deleteBundle(w, code));
    return c.body(null, 204);
  });
}
