import { createRoute } from "@hono/zod-openapi";
import { ReplayResult } from "@tessera/shared";
import { replayFailedEvent } from "../../../../ingest/failed-events";
import { jsonBody, jsonContent } from "../../admin/common-schema";
import { EventParams } from "../../admin/events/schema";
import { errorResponses, IdentityOnly, writableAccount, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const replayEventRoute = createRoute({
  method: "post",
  path: "/events/{id}/replay",
  tags: ["Dashboard"],
  ...signed,
  summary: "Replay a failed event, after fixing the price metadata or the catalog",
  request: { params: EventParams, body: jsonBody(IdentityOnly) },
  responses: { 200: jsonContent(ReplayResult, "What the replay did"), ...errorResponses(401, 404, 409, 503) },
});

export function registerReplayEvent(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(replayEventRoute, async (c) => c.json(await replayFailedEvent(deps, writableAccount(c).id, c.req.valid("param").id), 200));
}
