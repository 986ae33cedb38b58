import { createRoute, z } from "@hono/zod-openapi";
import { Catalog } from "@tessera/shared";
import { catalogOf } from "../../../../catalog/catalog-edits";
import { jsonContent } from "../../admin/common-schema";
import { connectedAccount, errorResponses, identityFields, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const getCatalogRoute = createRoute({
  method: "get",
  path: "/catalog",
  tags: ["Dashboard"],
  ...signed,
  summary: "The account's products with their policies, and its bundles",
  request: { query: z.object(identityFields) },
  responses: { 200: jsonContent(Catalog, "The catalog"), ...errorResponses(401, 409) },
});

export function registerGetCatalog(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(getCatalogRoute, async (c) => c.json(await catalogOf(deps.db, connectedAccount(c).id), 200));
}
