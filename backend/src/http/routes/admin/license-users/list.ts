import { createRoute } from "@hono/zod-openapi";
import { listLicenseUsers } from "../../../../license-management/license-users";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, listOf } from "../common-schema";
import { LicenseUser } from "@tessera/shared";
import { licenseUserJson } from "../licenses/schema";
import { LicenseIdParams } from "./schema";

export const listLicenseUsersRoute = createRoute({
  method: "get",
  path: "/{id}/users",
  tags: ["Licenses"],
  summary: "List a license's users",
  request: { params: LicenseIdParams },
  responses: { 200: jsonContent(listOf(LicenseUser), "Users, oldest first"), ...errorResponses(401, 404) },
});

export function registerListLicenseUsers(api: AdminApi, deps: AdminDeps) {
  api.openapi(listLicenseUsersRoute, async (c) => {
    const users = await listLicenseUsers(deps.db, c.get("auth").accountId, c.req.valid("param").id);
    return c.json({ data: users.map(licenseUserJson) }, 200);
  });
}
