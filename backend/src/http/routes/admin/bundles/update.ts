import { createRoute } from "@hono/zod-openapi";
import { changeBundle } from "../../../../catalog/catalog-edits";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { Bundle, BundleUpdate } from "@tessera/shared";
import { BundleParams } from "./schema";

export const updateBundleRoute = createRoute({
  method: "patch",
  path: "/{code}",
  tags: ["Catalog"],
  summary: "Change a bundle's name or members",
  description: "Licenses already sold from the bundle keep their spec.",
  request: { params: BundleParams, body: jsonBody(BundleUpdate) },
  responses: { 200: jsonContent(Bundle, "The bundle after the change"), ...errorResponses(400, 401, 404) },
});

export function registerUpdateBundle(api: AdminApi, deps: AdminDeps) {
  api.openapi(updateBundleRoute, async (c) => {
    return c.json(await changeBundle(deps.db, c.get("auth").accountId, catalogCause(c), c.req.valid("param").code, c.req.valid("json")), 200);
  });
}
