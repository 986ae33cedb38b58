import { createRoute } from "@hono/zod-openapi";
import { getLicense } from "../../../../license-management/find-licenses";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent } from "../common-schema";
import { LicenseDetail } from "@tessera/shared";
import { licenseDetailOf } from "../../../../license-management/license-dto";
import { LicenseParams } from "./schema";

export const getLicenseRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["Licenses"],
  summary: "Get a license with its users and history",
  request: { params: LicenseParams },
  responses: { 200: jsonContent(LicenseDetail, "The license; history oldest first"), ...errorResponses(401, 404) },
});

export function registerGetLicense(api: AdminApi, deps: AdminDeps) {
  api.openapi(getLicenseRoute, async (c) => {
    const license = await getLicense(deps.db, c.get("auth").accountId, c.req.valid("param").id);
    return c.json(licenseDetailOf(license), 200);
  });
}
