import { createRoute } from "@hono/zod-openapi";
import { addPolicy } from "../../../../catalog/catalog-edits";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { ShortCodeParams } from "../products/schema";
import { Policy, PolicyCreate } from "@tessera/shared";

export const createPolicyRoute = createRoute({
  method: "post",
  path: "/{shortCode}/policies",
  tags: ["Catalog"],
  summary: "Add a policy to a product",
  description: "Terms left out are not set by the policy (the price metadata or the defaults decide). Applies to licenses made from now on.",
  request: { params: ShortCodeParams, body: jsonBody(PolicyCreate) },
  responses: { 201: jsonContent(Policy, "The new policy"), ...errorResponses(400, 401, 404, 409) },
});

export function registerCreatePolicy(api: AdminApi, deps: AdminDeps) {
  api.openapi(createPolicyRoute, async (c) => {
    return c.json(await addPolicy(deps.db, c.get("auth").accountId, catalogCause(c), c.req.valid("param").shortCode, c.req.valid("json")), 201);
  });
}
