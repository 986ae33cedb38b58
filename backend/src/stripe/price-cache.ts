import type { PriceFacts } from "./gateway";

/**
 * Recently read prices, per Stripe account. Price metadata rarely changes, and every event of a busy
 * product names the same few prices; a short TTL bounds how long an edit goes unseen by other instances,
 * and price.updated / product.updated events evict at once on the instance that receives them.
 */
export class PriceCache {
  private readonly entries = new Map<string, { facts: PriceFacts; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(account: string, priceId: string, now = Date.now()): PriceFacts | undefined {
    const entry = this.entries.get(`${account}/${priceId}`);
    if (!entry || entry.expiresAt <= now) return undefined;
    return entry.facts;
  }

  set(account: string, facts: PriceFacts, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${account}/${facts.id}`, { facts, expiresAt: now + this.ttlMs });
  }

  /** Forgets a price, or every price of a product. */
  evict(account: string, match: { priceId?: string; productId?: string }): void {
    for (const [key, { facts }] of this.entries) {
      if (!key.startsWith(`${account}/`)) continue;
      if (facts.id === match.priceId || facts.productId === match.productId) this.entries.delete(key);
    }
  }
}
