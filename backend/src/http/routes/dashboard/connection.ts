import { createRoute, z } from "@hono/zod-openapi";
import { ConnectionStatus } from "@tessera/shared";
import { connectionStatus } from "../../../dashboard/connection-status";
import { jsonContent } from "../admin/common-schema";
import { errorResponses, identityFields, signed, type DashboardApi, type DashboardDeps } from "./dashboard-api";

export const connectionRoute = createRoute({
  method: "get",
  path: "/connection",
  tags: ["Dashboard"],
  ...signed,
  summary: "Whether the Stripe account is connected to Tessera, and where to connect it",
  description: "Answers 200 for accounts that never connected too (status NOT_CONNECTED), so the app can offer the Connect button.",
  request: { query: z.object(identityFields) },
  responses: { 200: jsonContent(ConnectionStatus, "The connection"), ...errorResponses(401) },
});

export function registerConnection(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(connectionRoute, (c) => c.json(connectionStatus(c.get("account"), deps.connectUrl(c.req.url)), 200));
}
