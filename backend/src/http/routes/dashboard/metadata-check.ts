import { createRoute, z } from "@hono/zod-openapi";
import { MetadataCheck } from "@tessera/shared";
import { readCatalog } from "../../../catalog/read-catalog";
import { checkPrices, PRICES_CHECKED } from "../../../dashboard/metadata-check";
import { jsonContent } from "../admin/common-schema";
import { connectedAccount, errorResponses, identityFields, signed, type DashboardApi, type DashboardDeps } from "./dashboard-api";

export const metadataCheckRoute = createRoute({
  method: "get",
  path: "/metadata-check",
  tags: ["Dashboard"],
  ...signed,
  summary: "The account's active prices (read from Stripe) with the problems Tessera finds in their metadata",
  description: `Each problem names the metadata key to fix. At most ${PRICES_CHECKED} prices.`,
  request: { query: z.object(identityFields) },
  responses: { 200: jsonContent(MetadataCheck, "Every active price with its status"), ...errorResponses(401, 409, 503) },
});

export function registerMetadataCheck(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(metadataCheckRoute, async (c) => {
    const account = connectedAccount(c);
    const [prices, catalog] = await Promise.all([
      deps.stripeAccess.gatewayFor({ id: account.id, kind: account.kind, stripeAccountId: account.stripeAccountId }).activePrices(PRICES_CHECKED),
      readCatalog(deps.db, account.id),
    ]);
    const codes = new Set([...catalog.products.map((p) => p.shortCode), ...catalog.bundles.map((b) => b.code)]);
    return c.json(checkPrices(prices, codes), 200);
  });
}
