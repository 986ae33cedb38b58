import { createRoute } from "@hono/zod-openapi";
import { listBundles } from "../../../../catalog/read-catalog";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, listOf } from "../common-schema";
import { Bundle } from "@tessera/shared";
import { bundleDto } from "../../../../catalog/catalog-dto";

export const listBundlesRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Catalog"],
  summary: "List the account's bundles",
  responses: { 200: jsonContent(listOf(Bundle), "Bundles by code"), ...errorResponses(401) },
});

export function registerListBundles(api: AdminApi, deps: AdminDeps) {
  api.openapi(listBundlesRoute, async (c) => {
    const bundles = await listBundles(deps.db, c.get("auth").accountId);
    return c.json({ data: bundles.map(bundleDto) }, 200);
  });
}
