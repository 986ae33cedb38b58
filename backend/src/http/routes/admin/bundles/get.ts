import { createRoute } from "@hono/zod-openapi";
import { getBundle } from "../../../../catalog/read-catalog";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent } from "../common-schema";
import { Bundle } from "@tessera/shared";
import { bundleDto } from "../../../../catalog/catalog-dto";
import { BundleParams } from "./schema";

export const getBundleRoute = createRoute({
  method: "get",
  path: "/{code}",
  tags: ["Catalog"],
  summary: "Get a bundle",
  request: { params: BundleParams },
  responses: { 200: jsonContent(Bundle, "The bundle and its member products"), ...errorResponses(401, 404) },
});

export function registerGetBundle(api: AdminApi, deps: AdminDeps) {
  api.openapi(getBundleRoute, async (c) => {
    const bundle = await getBundle(deps.db, c.get("auth").accountId, c.req.valid("param").code);
    return c.json(bundleDto(bundle), 200);
  });
}
