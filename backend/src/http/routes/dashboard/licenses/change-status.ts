import { createRoute } from "@hono/zod-openapi";
import { LicenseDetail, StatusChange } from "@tessera/shared";
import { changeStatusByHand } from "../../../../license-management/change-status";
import { licenseDetailOf } from "../../../../license-management/license-dto";
import { jsonBody, jsonContent } from "../../admin/common-schema";
import { LicenseParams } from "../../admin/licenses/schema";
import { errorResponses, identityFields, userCause, writableAccount, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

const ACTIONS = {
  disable: "Disable a license by hand: it sticks (payments and subscription changes never re-enable it); the reason and the Dashboard user go in its history",
  enable: "Enable a license by hand, lifting a manual disable; recorded with the Dashboard user",
} as const;

const routeOf = (action: keyof typeof ACTIONS) =>
  createRoute({
    method: "post",
    path: `/licenses/{id}/${action}`,
    tags: ["Dashboard"],
    ...signed,
    summary: ACTIONS[action],
    request: { params: LicenseParams, body: jsonBody(StatusChange.strict().extend(identityFields)) },
    responses: { 200: jsonContent(LicenseDetail, "The license after the change"), ...errorResponses(400, 401, 404, 409) },
  });

export function registerChangeStatus(api: DashboardApi, deps: DashboardDeps) {
  for (const action of ["disable", "enable"] as const) {
    api.openapi(routeOf(action), async (c) => {
      const { id } = c.req.valid("param");
      const license = await changeStatusByHand(deps.db, writableAccount(c).id, id, action === "enable", c.req.valid("json").reason, userCause(c));
      return c.json(licenseDetailOf(license), 200);
    });
  }
}
