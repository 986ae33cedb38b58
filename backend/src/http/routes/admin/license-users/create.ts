import { createRoute } from "@hono/zod-openapi";
import { addLicenseUser } from "../../../../license-management/license-users";
import { licenseCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { LicenseUser } from "@tessera/shared";
import { licenseUserJson } from "../licenses/schema";
import { LicenseIdParams, LicenseUserCreateSchema } from "./schema";

export const createLicenseUserRoute = createRoute({
  method: "post",
  path: "/{id}/users",
  tags: ["Licenses"],
  summary: "Assign a user to a license",
  description: "Only licenses of user-authorized products, and never beyond the license's max users (409). Recorded in the license history.",
  request: { params: LicenseIdParams, body: jsonBody(LicenseUserCreateSchema) },
  responses: { 201: jsonContent(LicenseUser, "The assigned user"), ...errorResponses(400, 401, 404, 409) },
});

export function registerCreateLicenseUser(api: AdminApi, deps: AdminDeps) {
  api.openapi(createLicenseUserRoute, async (c) => {
    const { id } = c.req.valid("param");
    const user = await addLicenseUser(deps.db, c.get("auth").accountId, id, c.req.valid("json"), licenseCause(c));
    return c.json(licenseUserJson(user), 201);
  });
}
