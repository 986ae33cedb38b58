import { createRoute } from "@hono/zod-openapi";
import { Activation, LicenseDetail } from "@tessera/shared";
import { freeMachine } from "../../../../license-management/free-machine";
import { getLicense } from "../../../../license-management/find-licenses";
import { licenseDetailOf } from "../../../../license-management/license-dto";
import { licenseCause, type AdminApi, type AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, listOf, pathParam } from "../common-schema";
import { LicenseParams } from "./schema";

export const listActivationsRoute = createRoute({
  method: "get",
  path: "/{id}/activations",
  tags: ["Licenses"],
  summary: "The machines a license is activated on",
  description: "Machines holding a slot now (floating leases that lapsed are not listed), oldest first, with what the software told about them.",
  request: { params: LicenseParams },
  responses: { 200: jsonContent(listOf(Activation), "The machines"), ...errorResponses(400, 401, 404) },
});

const ActivationParams = LicenseParams.extend({ activationId: pathParam("activationId", "5d7a3c8e-0a4b-4b0e-8a51-9f2c1e6b7d20") });

export const freeMachineRoute = createRoute({
  method: "delete",
  path: "/{id}/activations/{activationId}",
  tags: ["Licenses"],
  summary: "Free a machine",
  description: "Deactivates the machine so its slot can be used by another; recorded in the license's history with the API key as cause.",
  request: { params: ActivationParams },
  responses: { 200: jsonContent(LicenseDetail, "The license after the change"), ...errorResponses(400, 401, 404) },
});

export function registerActivations(api: AdminApi, deps: AdminDeps) {
  api.openapi(listActivationsRoute, async (c) => {
    const license = await getLicense(deps.db, c.get("auth").accountId, c.req.valid("param").id);
    return c.json({ data: licenseDetailOf(license).activations }, 200);
  });
  api.openapi(freeMachineRoute, async (c) => {
    const { id, activationId } = c.req.valid("param");
    return c.json(licenseDetailOf(await freeMachine(deps.db, c.get("auth").accountId, id, activationId, licenseCause(c))), 200);
  });
}

