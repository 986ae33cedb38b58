import { createRoute, z } from "@hono/zod-openapi";
import { DeliveryPage, PageQuery } from "@tessera/shared";
import { deliveryPage } from "../../../../outbound/webhook-endpoints";
import { jsonContent } from "../../admin/common-schema";
import { EndpointParams } from "../../admin/webhook-endpoints/schema";
import { connectedAccount, errorResponses, identityFields, signed, withoutIdentity, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const listDeliveriesRoute = createRoute({
  method: "get",
  path: "/webhook-endpoints/{id}/deliveries",
  tags: ["Dashboard"],
  ...signed,
  summary: "Deliveries to an endpoint, newest first, with their status and last answer",
  request: { params: z.object(EndpointParams), query: PageQuery.extend(identityFields) },
  responses: { 200: jsonContent(DeliveryPage, "A page of deliveries"), ...errorResponses(400, 401, 404, 409) },
});

export function registerListDeliveries(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(listDeliveriesRoute, async (c) =>
    c.json(await deliveryPage(deps.db, connectedAccount(c).id, c.req.valid("param").id, withoutIdentity(c.req.valid("query"))), 200),
  );
}
