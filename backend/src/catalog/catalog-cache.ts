import type { Sql } from "../db/sql";
import type { CatalogBundle, CatalogProduct, CatalogView } from "../licensing/catalog-view";
import { loadCatalog } from "./load-catalog";

/** An account's catalog as of one `catalogVersion`; codes are loaded as events name them. */
interface Entry {
  version: number;
  products: Map<string, CatalogProduct | undefined>;
  bundles: Map<string, CatalogBundle | undefined>;
}

/**
 * Catalog lookups per account, valid for one catalog version. Every catalog write bumps the account's
 * version in its transaction, and each event reads the version with its account, so no instance uses a
 * catalog older than the one committed when the event arrived.
 */
export class CatalogCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxAccounts = 1000) {}

  async view(tx: Sql, account: { id: string; catalogVersion: number }, codes: string[]): Promise<CatalogView> {
    let entry = this.entries.get(account.id);
    if (!entry || entry.version !== account.catalogVersion) {
      if (entry && entry.version > account.catalogVersion) return loadCatalog(tx, account.id, codes);
      entry = { version: account.catalogVersion, products: new Map(), bundles: new Map() };
      if (this.entries.size >= this.maxAccounts) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(account.id, entry);
    }
    const missing = codes.filter((c) => !entry.products.has(c));
    if (missing.length > 0) {
      const loaded = await loadCatalog(tx, account.id, missing);
      for (const code of missing) {
        entry.products.set(code, loaded.product(code));
        entry.bundles.set(code, loaded.bundle(code));
      }
    }
    const { products, bundles } = entry;
    return { product: (code) => products.get(code), bundle: (code) => bundles.get(code) };
  }
}
