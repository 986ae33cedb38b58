import { createRoute, z } from "@hono/zod-openapi";
import { DeliveryPage, PageQuery } from "@tessera/shared";
import { deliveryPage } from "../../../../outbound/webhook-endpoints";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent } from "../common-schema";
import { EndpointParams, TAG } from "./schema";

export const listDeliveriesRoute = createRoute({
  method: "get",
  path: "/{id}/deliveries",
  tags: [TAG],
  summary: "Deliveries to an endpoint, newest first",
  description: "Each message with its status (PENDING, DELIVERED, FAILED), attempts, the last answer and when the next attempt is due. Pages with `cursor`.",
  request: { params: z.object(EndpointParams), query: PageQuery },
  responses: { 200: jsonContent(DeliveryPage, "A page of deliveries"), ...errorResponses(400, 401, 404) },
});

export function registerListDeliveries(api: AdminApi, deps: AdminDeps) {
  api.openapi(listDeliveriesRoute, async (c) =>
    c.json(await deliveryPage(deps.db, c.get("auth").accountId, c.req.valid("param").id, c.req.valid("query")), 200),
  );
}
