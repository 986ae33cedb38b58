import { createRoute } from "@hono/zod-openapi";
import { listParkedWritebacks } from "../../../../jobs/parked-writebacks";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, listOf } from "../common-schema";
import { parkedWritebackJson, ParkedWritebackSchema } from "./schema";

export const listParkedWritebacksRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Key write-backs"],
  summary: "List parked license-key write-backs",
  description: "Writes of license keys into Stripe metadata that Stripe refused for good (e.g. the object is gone) or that failed on every attempt.",
  responses: { 200: jsonContent(listOf(ParkedWritebackSchema), "Parked write-backs, oldest first"), ...errorResponses(401) },
});

export function registerListParkedWritebacks(api: AdminApi, deps: AdminDeps) {
  api.openapi(listParkedWritebacksRoute, async (c) => {
    const parked = await listParkedWritebacks(deps.db, c.get("auth").accountId);
    return c.json({ data: parked.map(parkedWritebackJson) }, 200);
  });
}
