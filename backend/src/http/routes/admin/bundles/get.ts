import { createRoute } from "@hono/zod-openapi";
import { getBundle } from "../../../../catalog/read-catalog";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent } from "../common-schema";
import { bundleJson, BundleParams, BundleSchema } from "./schema";

export const getBundleRoute = createRoute({
  method: "get",
  path: "/{code}",
  tags: ["Catalog"],
  summary: "Get a bundle",
  request: { params: BundleParams },
  responses: { 200: jsonContent(BundleSchema, "The bundle and its member products"), ...errorResponses(401, 404) },
});

export function registerGetBundle(api: AdminApi, deps: AdminDeps) {
  api.openapi(getBundleRoute, async (c) => {
    const bundle = await getBundle(deps.db, c.get("auth").accountId, c.req.valid("param").code);
    return c.json(bundleJson(bundle), 200);
  });
}
