import { createApiKey } from "../../src/api-keys/api-key-store";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { eventually, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("writeback_outbox");
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
});

afterAll(() => env?.close());

const outbox = () => env.backend.db.stripeWriteback.findMany();

test("a write-back Stripe refuses stays in the outbox with its error, is retried, and leaves once Stripe has the keys", async () => {
  const w = new StripeWorld(env.fake.store, { name: "outbox" });
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  // Stripe refuses every write (the SDK's own retries included) until the test has seen the failure.
  env.fake.failNext(Number.MAX_SAFE_INTEGER, 500, { method: "POST", path: /^\/v1\/subscriptions\// });
  const start = w.subscribe({ customer: w.customer(), items: [{ price, quantity: 2 }] });
  await deliverAll(env.backend, start.events);

  const failed = await eventually(async () => (await outbox()).find((r) => r.lastError !== null), "a failed write-back in the outbox");
  expect(failed).toMatchObject({ objectType: "subscription", objectId: start.subscription.id });
  expect(failed.attempts).toBeGreaterThanOrEqual(1);
  // A transient failure waits before the next attempt; it is not parked.
  expect(failed.parkedAt).toBeNull();
  expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  expect(w.scope.get("subscription", start.subscription.id)?.metadata.license_keys).toBeUndefined();
  env.fake.clearFailures();

  const keys = await eventually(() => w.scope.get("subscription", start.subscription.id)?.metadata.license_keys, "license_keys on the subscription");
  expect(keys.split(",")).toHaveLength(2);
  await eventually(async () => ((await outbox()).length === 0 ? true : undefined), "an empty outbox");
});

test("done write-backs leave the outbox, so it holds only the backlog however many subscriptions exist", async () => {
  const w = new StripeWorld(env.fake.store, { name: "many" });
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const subs = Array.from({ length: 5 }, () => w.subscribe({ customer: w.customer(), items: [{ price, quantity: 1 }] }));
  for (const s of subs) await deliverAll(env.backend, s.events);
  for (const s of subs) {
    await eventually(() => w.scope.get("subscription", s.subscription.id)?.metadata.license_keys, `license_keys on ${s.subscription.id}`);
  }
  await eventually(async () => ((await outbox()).length === 0 ? true : undefined), "an empty outbox");
});

test("a write-back Stripe refuses for good (404) is parked at once with the reason, listed by the admin API, and sent again on retry", async () => {
  const w = new StripeWorld(env.fake.store, { name: "parked" });
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  env.fake.failNext(1, 404, { method: "POST", path: /^\/v1\/subscriptions\// });
  const start = w.subscribe({ customer: w.customer(), items: [{ price, quantity: 1 }] });
  await deliverAll(env.backend, start.events);

  const parked = await eventually(async () => (await outbox()).find((r) => r.parkedAt !== null), "a parked write-back");
  expect(parked).toMatchObject({ objectId: start.subscription.id, attempts: 1 });
  const api = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "writebacks")).token);
  const listed = await api.get("/admin/writebacks");
  expect(listed.status).toBe(200);
  expect(listed.body.data).toEqual([expect.objectContaining({ id: parked.id, objectType: "subscription", objectId: start.subscription.id, attempts: 1 })]);
  expect(listed.body.data[0].lastError).toEqual(expect.any(String));

  // Parked means left alone: no further attempt until a person asks.
  await new Promise((r) => setTimeout(r, 600));
  expect((await outbox()).find((r) => r.id === parked.id)).toMatchObject({ attempts: 1 });
  expect(w.scope.get("subscription", start.subscription.id)?.metadata.license_keys).toBeUndefined();

  expect(await api.post(`/admin/writebacks/${parked.id}/retry`)).toMatchObject({ status: 200, body: { retried: 1 } });
  await eventually(() => w.scope.get("subscription", start.subscription.id)?.metadata.license_keys, "license_keys after the retry");
  expect((await api.post(`/admin/writebacks/${parked.id}/retry`)).status).toBe(404);
});
