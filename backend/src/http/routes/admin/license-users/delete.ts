import { createRoute } from "@hono/zod-openapi";
import { removeLicenseUser } from "../../../../license-management/license-users";
import { licenseCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses } from "../common-schema";
import { LicenseUserParams } from "./schema";

export const deleteLicenseUserRoute = createRoute({
  method: "delete",
  path: "/{id}/users/{email}",
  tags: ["Licenses"],
  summary: "Remove a user from a license",
  request: { params: LicenseUserParams },
  responses: { 204: { description: "Removed" }, ...errorResponses(401, 404) },
});

export function registerDeleteLicenseUser(api: AdminApi, deps: AdminDeps) {
  api.openapi(deleteLicenseUserRoute, async (c) => {
    const { id, email } = c.req.valid("param");
    await removeLicenseUser(deps.db, c.get("auth").accountId, id, email, licenseCause(c));
    return c.body(null, 204);
  });
}
