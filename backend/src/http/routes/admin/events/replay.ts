import { createRoute } from "@hono/zod-openapi";
import { replayFailedEvent } from "../../../../ingest/failed-events";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent } from "../common-schema";
import { ReplayResult } from "@tessera/shared";
import { EventParams } from "./schema";

export const replayEventRoute = createRoute({
  method: "post",
  path: "/{id}/replay",
  tags: ["Events"],
  summary: "Replay a failed event",
  description: "After fixing the price metadata or the catalog. Only failed events (409 otherwise).",
  request: { params: EventParams },
  responses: { 200: jsonContent(ReplayResult, "What the replay did"), ...errorResponses(401, 404, 409, 503) },
});

export function registerReplayEvent(api: AdminApi, deps: AdminDeps) {
  api.openapi(replayEventRoute, async (c) => {
    const result = await replayFailedEvent(deps, c.get("auth").accountId, c.req.valid("param").id);
    return c.json(result, 200);
  });
}
