import type { LicenseSpec } from "@tessera/shared";
import { CatalogCache } from "../../catalog/catalog-cache";
import type { Sql } from "../../db/sql";
import type { Account } from "../../licensing/account";
import { resolveLine } from "../../licensing/resolve-spec";
import type { LinePlan } from "../../licensing/resolved-spec";

// One per process: entries are keyed by account id and catalog version, so instances and tests sharing
// a process never see each other's catalogs.
const catalogs = new CatalogCache();

/** Resolves each licensed price against the account's catalog at the version the event was routed with. */
export async function planPrices(
  tx: Sql,
  account: Pick<Account, "id" | "catalogVersion">,
  prices: Map<string, LicenseSpec>,
): Promise<Map<string, LinePlan>> {
  const catalog = await catalogs.view(tx, account, [...new Set([...prices.values()].map((s) => s.shortCode))]);
  return new Map([...prices].map(([priceId, spec]) => [priceId, resolveLine(spec, catalog)]));
}
