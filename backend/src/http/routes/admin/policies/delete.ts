import { createRoute } from "@hono/zod-openapi";
import { withCatalogWrite } from "../../../../catalog/catalog-write";
import { deletePolicy } from "../../../../catalog/policies";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses } from "../common-schema";
import { PolicyParams } from "./schema";

export const deletePolicyRoute = createRoute({
  method: "delete",
  path: "/{shortCode}/policies/{code}",
  tags: ["Catalog"],
  summary: "Delete a policy",
  description: "Only a policy no license was made from; the default only when it is the product's last policy.",
  request: { params: PolicyParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 404, 409) },
});

export function registerDeletePolicy(api: AdminApi, deps: AdminDeps) {
  api.openapi(deletePolicyRoute, async (c) => {
    const { shortCode, code } = c.req.valid("param");
    await withCatalogWrite(deps.db, c.get("auth").accountId, catalogCause(c), (w) => deletePolicy(w, shortCode, code));
    return c.body(null, 204);
  });
}
