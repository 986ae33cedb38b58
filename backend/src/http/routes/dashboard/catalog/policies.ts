import { createRoute } from "@hono/zod-openapi";
import { Policy, PolicyCreate, PolicyUpdate } from "@tessera/shared";
import { addPolicy, changePolicy } from "../../../../catalog/catalog-edits";
import { jsonBody, jsonContent } from "../../admin/common-schema";
import { PolicyParams } from "../../admin/policies/schema";
import { ShortCodeParams } from "../../admin/products/schema";
import { errorResponses, identityFields, userCatalogCause, withoutIdentity, writableAccount, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const createPolicyRoute = createRoute({
  method: "post",
  path: "/products/{shortCode}/policies",
  tags: ["Dashboard"],
  ...signed,
  summary: "Add a policy (license template) to a product",
  request: { params: ShortCodeParams, body: jsonBody(PolicyCreate.extend(identityFields)) },
  responses: { 201: jsonContent(Policy, "The new policy"), ...errorResponses(400, 401, 404, 409) },
});

export const updatePolicyRoute = createRoute({
  method: "patch",
  path: "/products/{shortCode}/policies/{code}",
  tags: ["Dashboard"],
  ...signed,
  summary: "Change a policy: null clears a term, a key left out keeps it; licenses already made keep their spec",
  request: { params: PolicyParams, body: jsonBody(PolicyUpdate.extend(identityFields)) },
  responses: { 200: jsonContent(Policy, "The policy after the change"), ...errorResponses(400, 401, 404, 409) },
});

export function registerPolicies(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(createPolicyRoute, async (c) =>
    c.json(await addPolicy(deps.db, writableAccount(c).id, userCatalogCause(c), c.req.valid("param").shortCode, withoutIdentity(c.req.valid("json"))), 201),
  );
  api.openapi(updatePolicyRoute, async (c) => {
    const { shortCode, code } = c.req.valid("param");
    return c.json(await changePolicy(deps.db, writableAccount(c).id, userCatalogCause(c), shortCode, code, withoutIdentity(c.req.valid("json"))), 200);
  });
}
