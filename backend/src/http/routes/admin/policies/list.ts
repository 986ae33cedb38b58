import { createRoute } from "@hono/zod-openapi";
import { listPolicies } from "../../../../catalog/read-catalog";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, listOf } from "../common-schema";
import { ShortCodeParams } from "../products/schema";
import { Policy } from "@tessera/shared";
import { policyDto } from "../../../../catalog/catalog-dto";

export const listPoliciesRoute = createRoute({
  method: "get",
  path: "/{shortCode}/policies",
  tags: ["Catalog"],
  summary: "List a product's policies",
  request: { params: ShortCodeParams },
  responses: { 200: jsonContent(listOf(Policy), "Policies by code"), ...errorResponses(401, 404) },
});

export function registerListPolicies(api: AdminApi, deps: AdminDeps) {
  api.openapi(listPoliciesRoute, async (c) => {
    const policies = await listPolicies(deps.db, c.get("auth").accountId, c.req.valid("param").shortCode);
    return c.json({ data: policies.map(policyDto) }, 200);
  });
}
