import type { LicenseSpec } from "@tessera/shared";
import type { Sql } from "../db/sql";
import { CatalogCache } from "../catalog/catalog-cache";
import { resolveLine } from "./resolve-spec";
import type { LinePlan } from "./resolved-spec";

export interface AccountScope {
  id: string;
  catalogVersion: number;
}

// One per process: entries are keyed by account id and catalog version, so instances and tests sharing
// a process never see each other's catalogs.
const catalogs = new CatalogCache();

/** Resolves each licensed price against the account's catalog at the version the event was routed with. */
export async function planPrices(tx: Sql, account: AccountScope, prices: Map<string, LicenseSpec>): Promise<Map<string, LinePlan>> {
  const catalog = await catalogs.view(tx, account, [...new Set([...prices.values()].map((s) => s.shortCode))]);
  return new Map([...prices].map(([priceId, spec]) => [priceId, resolveLine(spec, catalog)]));
}
