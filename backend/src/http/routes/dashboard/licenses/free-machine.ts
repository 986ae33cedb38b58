import { createRoute } from "@hono/zod-openapi";
import { LicenseDetail } from "@tessera/shared";
import { freeMachine } from "../../../../license-management/free-machine";
import { licenseDetailOf } from "../../../../license-management/license-dto";
import { jsonBody, jsonContent, pathParam } from "../../admin/common-schema";
import { LicenseParams } from "../../admin/licenses/schema";
import { errorResponses, IdentityOnly, userCause, writableAccount, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const freeMachineRoute = createRoute({
  method: "post",
  path: "/licenses/{id}/activations/{activationId}/deactivate",
  tags: ["Dashboard"],
  ...signed,
  summary: "Free a machine of a license: its slot can be used by another; the Dashboard user goes in the history",
  request: {
    params: LicenseParams.extend({ activationId: pathParam("activationId", "5d7a3c8e-0a4b-4b0e-8a51-9f2c1e6b7d20") }),
    body: jsonBody(IdentityOnly),
  },
  responses: { 200: jsonContent(LicenseDetail, "The license after the change"), ...errorResponses(400, 401, 404, 409) },
});

export function registerFreeMachine(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(freeMachineRoute, async (c) => {
    const { id, activationId } = c.req.valid("param");
    return c.json(licenseDetailOf(await freeMachine(deps.db, writableAccount(c).id, id, activationId, userCause(c))), 200);
  });
}
