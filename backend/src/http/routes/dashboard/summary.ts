import { createRoute, z } from "@hono/zod-openapi";
import { DashboardSummary } from "@tessera/shared";
import { sqlOf } from "../../../db/client";
import { countLicensesByStatus } from "../../../db/licenses/license-listing";
import { failedEventsSummary } from "../../../dashboard/event-summaries";
import { jsonContent } from "../admin/common-schema";
import { connectedAccount, errorResponses, identityFields, signed, type DashboardApi, type DashboardDeps } from "./dashboard-api";

export const summaryRoute = createRoute({
  method: "get",
  path: "/summary",
  tags: ["Dashboard"],
  ...signed,
  summary: "Licenses by status, and the failed events that need attention",
  request: { query: z.object(identityFields) },
  responses: { 200: jsonContent(DashboardSummary, "The account at a glance"), ...errorResponses(401, 409) },
});

export function registerSummary(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(summaryRoute, async (c) => {
    const { id } = connectedAccount(c);
    const [licenses, failedEvents] = await Promise.all([countLicensesByStatus(sqlOf(deps.db), id), failedEventsSummary(deps.db, id)]);
    return c.json({ licenses, failedEvents }, 200);
  });
}
