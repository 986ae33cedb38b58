import type { LicenseSpec } from "@tessera/shared";
import type { Sql } from "../db/sql";
import { loadCatalog } from "../catalog/load-catalog";
import { resolveLine } from "./resolve-spec";
import type { LinePlan } from "./resolved-spec";

/** Resolves each licensed price against the account's catalog, as it is inside this transaction. */
export async function planPrices(tx: Sql, accountId: string, prices: Map<string, LicenseSpec>): Promise<Map<string, LinePlan>> {
  const catalog = await loadCatalog(tx, accountId, [...new Set([...prices.values()].map((s) => s.shortCode))]);
  return new Map([...prices].map(([priceId, spec]) => [priceId, resolveLine(spec, catalog)]));
}
