import { createRoute, z } from "@hono/zod-openapi";
import { LicenseDetail } from "@tessera/shared";
import { getLicense } from "../../../../license-management/find-licenses";
import { licenseDetailOf } from "../../../../license-management/license-dto";
import { jsonContent } from "../../admin/common-schema";
import { LicenseParams } from "../../admin/licenses/schema";
import { connectedAccount, errorResponses, identityFields, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const getLicenseRoute = createRoute({
  method: "get",
  path: "/licenses/{id}",
  tags: ["Dashboard"],
  ...signed,
  summary: "A license with its spec, machines, users and history",
  request: { params: LicenseParams, query: z.object(identityFields) },
  responses: { 200: jsonContent(LicenseDetail, "The license"), ...errorResponses(401, 404, 409) },
});

export function registerGetLicense(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(getLicenseRoute, async (c) => c.json(licenseDetailOf(await getLicense(deps.db, connectedAccount(c).id, c.req.valid("param").id)), 200));
}
