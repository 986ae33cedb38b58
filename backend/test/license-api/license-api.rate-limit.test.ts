import { randomInt } from "node:crypto";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, startBackend, type BackendUnderTest } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { licenseApiClient } from "../harness/license-api";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

const LIMITS = { LICENSE_RATE_PER_KEY: "4", LICENSE_RATE_PER_ADDRESS: "1000", LICENSE_UNKNOWN_KEYS_PER_ADDRESS: "3", TRUST_PROXY: "true" };

// The counters live in PostgreSQL by default and in Redis with REDIS_URL (this machine and CI run a Redis
// server). Redis is shared by every checkout testing at once: each run counts its own addresses.
describe.each([
  ["PostgreSQL", {}],
  ["Redis", { REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" }],
])("counters in %s", (store, storeEnv) => {
  const backendEnv = { ...LIMITS, ...storeEnv };
  const run = randomInt(1, 250);
  const address = (last: number) => `10.${run}.${randomInt(0, 250)}.${last}`;
  let env: WebhookEnv;
  let second: BackendUnderTest;
  const keys: string[] = [];

  beforeAll(async () => {
    env = await startWebhookEnv(`license_api_rate_limit_${store}`, { env: backendEnv });
    // A second instance on the same database: limits hold across instances.
    second = await startBackend({ databaseUrl: env.database.url, stripeApiUrl: env.fake.url, env: backendEnv });
    await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 3 }] }] });
    const world = new StripeWorld(env.fake.store, { name: "licrate" });
    const purchase = world.checkout({ customer: world.customer(), lines: [{ price: world.price({ product: world.product(), metadata: { short_code: "APP" } }), quantity: 3 }] });
    await deliverAll(env.backend, purchase.events);
    keys.push(...(await env.backend.db.license.findMany({ orderBy: { unitIndex: "asc" } })).map((l) => l.key));
  });

  afterAll(async () => {
    await second?.close();
    await env?.close();
  });

  const from = (url: string, addr: string) => licenseApiClient(url, { "x-forwarded-for": `${addr}, 10.0.0.1` });

  test("past the per-key limit, shared by every instance: 429 with Retry-After and the error shape", async () => {
    const one = from(env.backend.url, address(1));
    const two = from(second.url, address(2));
    expect((await one.validate({ key: keys[0] })).status).toBe(200);
    expect((await two.validate({ key: keys[0] })).status).toBe(200);
    expect((await one.validate({ key: keys[0] })).status).toBe(200);
    expect((await two.validate({ key: keys[0] })).status).toBe(200);
    const refused = await one.validate({ key: keys[0] });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(refused.body.error).toEqual({ code: "rate_limited", message: "Too many requests for this license key" });
    // Another key is counted on its own.
    expect((await two.validate({ key: keys[1] })).status).toBe(200);
  });

  test("an address guessing unknown keys is refused for a while, even for a real key; other addresses are not", async () => {
    const guesser = from(env.backend.url, address(9));
    for (let i = 0; i < 3; i++) expect((await guesser.validate({ key: `GUESS-00000-00000-0000${i}` })).body.code).toBe("NOT_FOUND");
    const refused = await guesser.validate({ key: keys[2] });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toBe("Too many unknown license keys from this address");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
    expect((await from(second.url, address(10)).validate({ key: keys[2] })).body.code).toBe("VALID");
  });
});
