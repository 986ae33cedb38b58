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
