import { createRoute } from "@hono/zod-openapi";
import { changeStatusByHand } from "../../../../license-management/change-status";
import { licenseCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";
import { LicenseDetail } from "@tessera/shared";
import { licenseDetailOf } from "../../../../license-management/license-dto";
import { LicenseParams, ReasonSchema } from "./schema";

export const enableLicenseRoute = createRoute({
  method: "post",
  path: "/{id}/enable",
  tags: ["Licenses"],
  summary: "Enable a license by hand",
  description: "Lifts a manual disable. Recorded in the license history with the API key as cause.",
  request: { params: LicenseParams, body: jsonBody(ReasonSchema) },
  responses: { 200: jsonContent(LicenseDetail, "The license after the change"), ...errorResponses(400, 401, 404) },
});

export function registerEnableLicense(api: AdminApi, deps: AdminDeps) {
  api.openapi(enableLicenseRoute, async (c) => {
    const { id } = c.req.valid("param");
    const license = await changeStatusByHand(deps.db, c.get("auth").accountId, id, true, c.req.valid("json").reason, licenseCause(c));
    return c.json(licenseDetailOf(license), 200);
  });
}
