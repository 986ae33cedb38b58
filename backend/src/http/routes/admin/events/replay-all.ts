import { createRoute } from "@hono/zod-openapi";
import { replayAllFailed } from "../../../../ingest/failed-events";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, listOf } from "../common-schema";
import { ReplayResult } from "@tessera/shared";

export const replayAllEventsRoute = createRoute({
  method: "post",
  path: "/replay",
  tags: ["Events"],
  summary: "Replay every failed event of the account",
  description: "Oldest first. Each event's result is listed; one that cannot run does not stop the others.",
  responses: { 200: jsonContent(listOf(ReplayResult), "One result per failed event"), ...errorResponses(401) },
});

export function registerReplayAllEvents(api: AdminApi, deps: AdminDeps) {
  api.openapi(replayAllEventsRoute, async (c) => {
    const results = await replayAllFailed(deps, c.get("auth").accountId);
    return c.json({ data: results }, 200);
  });
}
