import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

// The backend keeps each account it routed events to, and trusts the entry only as far as the transaction
// that changes licenses re-reads the account: these tests change the account behind its back, as another
// process (the CLI's catalog apply, another instance's deauthorization) would.
let env: WebhookEnv;
let w: StripeWorld;
let price: { id: string };

beforeAll(async () => {
  env = await startWebhookEnv("account_cache");
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 3 }] }],
  });
  w = new StripeWorld(env.fake.store, { name: "accountcache" });
  price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
});

afterAll(() => env?.close());

async function subscribe() {
  const { subscription, events } = w.subscribe({ customer: w.customer(), items: [{ price, quantity: 1 }] });
  const answers = await deliverAll(env.backend, events);
  return { answers, licenses: await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: subscription.id }) };
}

test("a catalog changed by another process is used by the next event, not the catalog of the cached account", async () => {
  expect((await subscribe()).licenses.map((l) => l.maxActivations)).toEqual([3]);
  await env.backend.db.$transaction([
    env.backend.db.policy.updateMany({ where: { accountId: env.backend.accountId, code: "std" }, data: { maxActivations: 7 } }),
    env.backend.db.account.update({ where: { id: env.backend.accountId }, data: { catalogVersion: { increment: 1 } } }),
  ]);
  expect((await subscribe()).licenses.map((l) => l.maxActivations)).toEqual([7]);
});

test("events delivered together after a catalog change share transactions and all use the new catalog", async () => {
  await subscribe();
  await env.backend.db.$transaction([
    env.backend.db.policy.updateMany({ where: { accountId: env.backend.accountId, code: "std" }, data: { maxActivations: 9 } }),
    env.backend.db.account.update({ where: { id: env.backend.accountId }, data: { catalogVersion: { increment: 1 } } }),
  ]);
  const subscriptions = Array.from({ length: 8 }, () => w.subscribe({ customer: w.customer(), items: [{ price, quantity: 1 }] }));
  const paid = subscriptions.map((s) => s.events.find((e) => e.type === "invoice.paid")!);
  const answers = await Promise.all(paid.map((e) => env.backend.deliver(e)));
  expect(answers.map((a) => a.body.status)).toEqual(paid.map(() => "PROCESSED"));
  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: { in: subscriptions.map((s) => s.subscription.id) } });
  expect(licenses.map((l) => l.maxActivations)).toEqual(paid.map(() => 9));
});

test("an account disconnected by another process gets its next events recorded, not processed", async () => {
  await subscribe();
  await env.backend.db.account.update({ where: { id: env.backend.accountId }, data: { status: "DISCONNECTED" } });
  const { answers, licenses } = await subscribe();
  expect(licenses).toEqual([]);
  expect(answers.map((a) => a.status)).toContain("IGNORED");
  expect(answers.every((a) => a.status === "IGNORED")).toBe(true);
});
