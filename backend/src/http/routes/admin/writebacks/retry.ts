import { createRoute } from "@hono/zod-openapi";
import { retryParkedWritebacks } from "../../../../jobs/parked-writebacks";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent } from "../common-schema";
import { RetriedSchema, WritebackParams } from "./schema";

export const retryParkedWritebackRoute = createRoute({
  method: "post",
  path: "/{id}/retry",
  tags: ["Key write-backs"],
  summary: "Send a parked write-back again",
  request: { params: WritebackParams },
  responses: { 200: jsonContent(RetriedSchema, "It is due now"), ...errorResponses(401, 404) },
});

export const retryAllParkedWritebacksRoute = createRoute({
  method: "post",
  path: "/retry",
  tags: ["Key write-backs"],
  summary: "Send every parked write-back of the account again",
  responses: { 200: jsonContent(RetriedSchema, "How many are due now"), ...errorResponses(401) },
});

export function registerRetryParkedWritebacks(api: AdminApi, deps: AdminDeps) {
  api.openapi(retryAllParkedWritebacksRoute, async (c) => c.json({ retried: await retryParkedWritebacks(deps.db, c.get("auth").accountId) }, 200));
  api.openapi(retryParkedWritebackRoute, async (c) =>
    c.json({ retried: await retryParkedWritebacks(deps.db, c.get("auth").accountId, c.req.valid("param").id) }, 200),
  );
}
