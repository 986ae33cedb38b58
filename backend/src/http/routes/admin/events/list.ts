import { createRoute } from "@hono/zod-openapi";
import { listRecordedEvents } from "../../../../ingest/failed-events";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, listOf } from "../common-schema";
import { WebhookEventSummary } from "@tessera/shared";
import { eventSummaryOf } from "../../../../ingest/event-summary";
import { EventQuery } from "./schema";

export const listEventsRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Events"],
  summary: "List received Stripe events by status (failed ones by default)",
  request: { query: EventQuery },
  responses: { 200: jsonContent(listOf(WebhookEventSummary), "Events, newest first"), ...errorResponses(400, 401) },
});

export function registerListEvents(api: AdminApi, deps: AdminDeps) {
  api.openapi(listEventsRoute, async (c) => {
    const { status, limit } = c.req.valid("query");
    const events = await listRecordedEvents(deps, c.get("auth").accountId, status, limit);
    return c.json({ data: events.map(eventSummaryOf) }, 200);
  });
}
