import type { PriceFacts } from "./price-facts";

/**
 * Recently read prices, per Stripe account. Price metadata rarely changes, and every event of a busy
 * product names the same few prices; a short TTL bounds how long an edit goes unseen by other instances,
 * and price.updated / product.updated events evict at once on the instance that receives them.
 */
export class PriceCache {
  private readonly entries = new Map<string, { facts: PriceFacts; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<PriceFacts>>();

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

  /**
   * The cached price, or else one fetch shared by every caller that asks while it runs: a burst of events
   * naming a price nobody has read yet costs Stripe one request, not one per event.
   */
  load(account: string, priceId: string, fetch: () => Promise<PriceFacts>): Promise<PriceFacts> {
    const cached = this.get(account, priceId);
    if (cached) return Promise.resolve(cached);
    const key = `${account}/${priceId}`;
    const running = this.loading.get(key);
    if (running) return running;
    const current = () => this.loading.get(key) === promise;
    const promise: Promise<PriceFacts> = fetch()
      .then((facts) => {
        // An eviction while the fetch ran may mean it read the old metadata: serve it once, do not keep it.
        if (current()) this.set(account, facts);
        return facts;
      })
      .finally(() => {
        if (current()) this.loading.delete(key);
      });
    this.loading.set(key, promise);
    return promise;
  }

  /** Forgets a price, or every price of a product (and any fetch running for the account). */
  evict(account: string, match: { priceId?: string; productId?: string }): void {
    for (const key of this.loading.keys()) if (key.startsWith(`${account}/`)) this.loading.delete(key);
    for (const [key, { facts }] of this.entries) {
      if (!key.startsWith(`${account}/`)) continue;
      if (facts.id === match.priceId || facts.productId === match.productId) this.entries.delete(key);
    }
  }
}
