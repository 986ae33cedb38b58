import { createRoute } from "@hono/zod-openapi";
import { changePolicy } from "../../../../catalog/catalog-edits";
import { catalogCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { Policy, PolicyUpdate } from "@tessera/shared";
import { PolicyParams } from "./schema";

export const updatePolicyRoute = createRoute({
  method: "patch",
  path: "/{shortCode}/policies/{code}",
  tags: ["Catalog"],
  summary: "Change a policy",
  description:
    "null clears a term, a key left out keeps it. Existing licenses keep the spec they were made with; the change applies to new licenses and is recorded in the catalog history.",
  request: { params: PolicyParams, body: jsonBody(PolicyUpdate) },
  responses: { 200: jsonContent(Policy, "The policy after the change"), ...errorResponses(400, 401, 404) },
});

export function registerUpdatePolicy(api: AdminApi, deps: AdminDeps) {
  api.openapi(updatePolicyRoute, async (c) => {
    const { shortCode, code } = c.req.valid("param");
    return c.json(await changePolicy(deps.db, c.get("auth").accountId, catalogCause(c), shortCode, code, c.req.valid("json")), 200);
  });
}
