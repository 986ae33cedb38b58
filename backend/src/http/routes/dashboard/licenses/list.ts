import { createRoute } from "@hono/zod-openapi";
import { DashboardLicensePage, LicenseListQuery } from "@tessera/shared";
import { dashboardLicenses } from "../../../../dashboard/dashboard-licenses";
import { jsonContent } from "../../admin/common-schema";
import { connectedAccount, errorResponses, identityFields, withoutIdentity, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const listLicensesRoute = createRoute({
  method: "get",
  path: "/licenses",
  tags: ["Dashboard"],
  ...signed,
  summary: "Licenses of a subscription, payment intent or customer, or of the account with filters",
  description:
    "Pages with `cursor`. With subscription, payment_intent or customer the licenses come in the order they were made, else newest first. " +
    "When an object has none, `related` lists the events about it that failed or were ignored, which say why.",
  request: { query: LicenseListQuery.extend(identityFields) },
  responses: { 200: jsonContent(DashboardLicensePage, "A page of licenses"), ...errorResponses(400, 401, 409) },
});

export function registerListLicenses(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(listLicensesRoute, async (c) => c.json(await dashboardLicenses(deps.db, connectedAccount(c).id, withoutIdentity(c.req.valid("query"))), 200));
}
