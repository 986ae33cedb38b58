import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../../app-env";
import type { AdminApi, AdminDeps } from "../admin-api";
import { registerListEvents } from "./list";
import { registerReplayEvent } from "./replay";
import { registerReplayAllEvents } from "./replay-all";

/** `/admin/events` */
export function eventsApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>();
  registerListEvents(api, deps);
  registerReplayAllEvents(api, deps);
  registerReplayEvent(api, deps);
  return api;
}
