import { createRoute, z } from "@hono/zod-openapi";
import { EVENT_STATUSES, EventPage, PageQuery } from "@tessera/shared";
import { eventPage } from "../../../../dashboard/event-summaries";
import { jsonContent } from "../../admin/common-schema";
import { connectedAccount, errorResponses, identityFields, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

const EventQuery = PageQuery.extend({ status: z.enum(EVENT_STATUSES).default("FAILED"), ...identityFields });

export const listEventsRoute = createRoute({
  method: "get",
  path: "/events",
  tags: ["Dashboard"],
  ...signed,
  summary: "Stripe events Tessera received, by status (failed ones by default), newest first",
  request: { query: EventQuery },
  responses: { 200: jsonContent(EventPage, "A page of events"), ...errorResponses(400, 401, 409) },
});

export function registerListEvents(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(listEventsRoute, async (c) => c.json(await eventPage(deps.db, connectedAccount(c).id, c.req.valid("query")), 200));
}
