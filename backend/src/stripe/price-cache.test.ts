import { PriceCache } from "./price-cache";

const facts = (id: string, productId = "prod_1") => ({ id, productId, metadata: {}, productMetadata: {}, recurring: null });

test("a cached price is served until its TTL runs out", () => {
  const cache = new PriceCache(1000);
  cache.set("acct", facts("price_1"), 0);
  expect(cache.get("acct", "price_1", 999)?.id).toBe("price_1");
  expect(cache.get("acct", "price_1", 1000)).toBeUndefined();
});

test("prices are kept apart per account", () => {
  const cache = new PriceCache(1000);
  cache.set("a", facts("price_1"), 0);
  expect(cache.get("b", "price_1", 1)).toBeUndefined();
});

test("evicting a product forgets all its prices, and only in that account", () => {
  const cache = new PriceCache(1000);
  cache.set("a", facts("price_1", "prod_x"), 0);
  cache.set("a", facts("price_2", "prod_x"), 0);
  cache.set("a", facts("price_3", "prod_y"), 0);
  cache.set("b", facts("price_1", "prod_x"), 0);
  cache.evict("a", { productId: "prod_x" });
  expect(cache.get("a", "price_1", 1)).toBeUndefined();
  expect(cache.get("a", "price_2", 1)).toBeUndefined();
  expect(cache.get("a", "price_3", 1)?.id).toBe("price_3");
  expect(cache.get("b", "price_1", 1)?.id).toBe("price_1");
});

test("a TTL of 0 disables caching", () => {
  const cache = new PriceCache(0);
  cache.set("a", facts("price_1"), 0);
  expect(cache.get("a", "price_1", 0)).toBeUndefined();
});

test("the oldest entry makes room when the cache is full", () => {
  const cache = new PriceCache(1000, 2);
  cache.set("a", facts("price_1"), 0);
  cache.set("a", facts("price_2"), 0);
  cache.set("a", facts("price_3"), 0);
  expect(cache.get("a", "price_1", 1)).toBeUndefined();
  expect(cache.get("a", "price_3", 1)?.id).toBe("price_3");
});

function deferred() {
  let resolve!: (f: ReturnType<typeof facts>) => void;
  const promise = new Promise<ReturnType<typeof facts>>((r) => (resolve = r));
  return { promise, resolve };
}

test("callers asking for the same price while it is fetched share one fetch, and the result is cached", async () => {
  const cache = new PriceCache(60_000);
  const fetch = jest.fn(() => gate.promise);
  const gate = deferred();
  const asks = [cache.load("a", "price_1", fetch), cache.load("a", "price_1", fetch), cache.load("a", "price_1", fetch)];
  gate.resolve(facts("price_1"));
  expect((await Promise.all(asks)).map((f) => f.id)).toEqual(["price_1", "price_1", "price_1"]);
  expect(fetch).toHaveBeenCalledTimes(1);
  await cache.load("a", "price_1", fetch);
  expect(fetch).toHaveBeenCalledTimes(1);
});

test("a failed fetch is not shared with later callers", async () => {
  const cache = new PriceCache(60_000);
  await expect(cache.load("a", "price_1", () => Promise.reject(new Error("Stripe is down")))).rejects.toThrow("Stripe is down");
  expect((await cache.load("a", "price_1", () => Promise.resolve(facts("price_1")))).id).toBe("price_1");
});

test("an eviction during a fetch keeps its result out of the cache, and the next caller fetches anew", async () => {
  const cache = new PriceCache(60_000);
  const gate = deferred();
  const first = cache.load("a", "price_1", () => gate.promise);
  cache.evict("a", { productId: "prod_1" });
  gate.resolve({ ...facts("price_1"), metadata: { short_code: "OLD" } });
  expect((await first).metadata).toEqual({ short_code: "OLD" });
  expect(cache.get("a", "price_1")).toBeUndefined();
  const fresh = jest.fn(() => Promise.resolve({ ...facts("price_1"), metadata: { short_code: "NEW" } }));
  expect((await cache.load("a", "price_1", fresh)).metadata).toEqual({ short_code: "NEW" });
  expect(fresh).toHaveBeenCalledTimes(1);
});
