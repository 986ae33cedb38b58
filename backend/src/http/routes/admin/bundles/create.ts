import { createRoute } from "@hono/zod-openapi";
import { addBundle } from "../../../../catalog/catalog-edits";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { Bundle, BundleCreate } from "@tessera/shared";

export const createBundleRoute = createRoute({
  method: "post",
  path: "/",
  tags: ["Catalog"],
  summary: "Create a bundle",
  description: "The code must not be used by another bundle or a product of the account; members are existing product short codes.",
  request: { body: jsonBody(BundleCreate) },
  responses: { 201: jsonContent(Bundle, "The new bundle"), ...errorResponses(400, 401, 409) },
});

export function registerCreateBundle(api: AdminApi, deps: AdminDeps) {
  api.openapi(createBundleRoute, async (c) => {
    return c.json(await addBundle(deps.db, c.get("auth").accountId, catalogCause(c), c.req.valid("json")), 201);
  });
}
