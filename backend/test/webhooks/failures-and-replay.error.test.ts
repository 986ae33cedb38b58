import type Stripe from "stripe";
import { replayFailedEvent } from "../../src/ingest/failed-events";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { inboxRow, setPriceMetadata, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { withCatalogWrite } from "../../src/catalog/catalog-write";
import { createPolicy } from "../../src/catalog/policies";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("failures");
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [
      { shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] },
      { shortCode: "EDIT", policies: [{ code: "std", isDefault: true }] },
      { shortCode: "RENDER", policies: [{ code: "std", isDefault: true }] },
    ],
    bundles: [
      { code: "SUITE", members: ["EDIT", "RENDER"] },
      { code: "PACK", members: ["EDIT"] },
    ],
  });
});

afterAll(() => env?.close());

const db = () => env.backend.db;
const accountId = () => env.backend.accountId;

/** Delivers the events, expects each to be answered 200 FAILED with that code and reason, and nothing licensed. */
async function expectFailed(events: Stripe.Event[], errorCode: string, outcome: string, licensed: object) {
  const answers = await deliverAll(env.backend, events);
  const last = events.at(-1)!;
  expect(answers.at(-1)).toMatchObject({ status: "FAILED", errorCode, message: outcome });
  const row = await inboxRow(db(), accountId(), last.id);
  expect(row).toMatchObject({ status: "FAILED", errorCode, outcome, replayCount: 0 });
  expect(await db().license.count({ where: { accountId: accountId(), ...licensed } })).toBe(0);
  return row;
}

/** Replays the fixed event, then again: the first makes the licenses, the second nothing more. */
async function expectReplayLicenses(rowId: string, licensed: object, count: number) {
  const answer = await replayFailedEvent(env.deps, accountId(), rowId);
  expect(answer.status).toBe("PROCESSED");
  const row = await db().webhookEvent.findUniqueOrThrow({ where: { id: rowId } });
  expect(row).toMatchObject({ status: "PROCESSED", errorCode: null, replayCount: 1 });
  expect(await db().license.count({ where: { accountId: accountId(), ...licensed } })).toBe(count);

  await expect(replayFailedEvent(env.deps, accountId(), rowId)).rejects.toThrow(/is processed; only failed events are replayed/);
  expect(await db().license.count({ where: { accountId: accountId(), ...licensed } })).toBe(count);
  return licensesOf(db(), accountId(), licensed);
}

test("invalid metadata fails the whole purchase with the exact key and reason; fixing the price and replaying licenses it once", async () => {
  const w = new StripeWorld(env.fake.store, { name: "badmeta" });
  const good = w.price({ product: w.product(), metadata: { short_code: "APP" } });
  const bad = w.price({ product: w.product(), metadata: { short_code: "APP", max_activations: "abc" } });
  const purchase = w.checkout({ customer: w.customer(), lines: [{ price: good, quantity: 1 }, { price: bad, quantity: 2 }] });
  const where = { stripeCheckoutSessionId: purchase.session.id };
  const row = await expectFailed(
    purchase.events,
    "INVALID_METADATA",
    `Price ${bad.id}: max_activations: "abc" is not a whole number; expected 1 to 1000000 (price metadata)`,
    where,
  );

  // The inbox keeps the event as Stripe sent it, envelope fields the engine does not read included.
  expect(row.payload).toEqual(JSON.parse(JSON.stringify(purchase.events.at(-1))));

  // Stripe's retry of the same event does not run it again: only a replay does.
  const [retry] = await deliverAll(env.backend, purchase.events);
  expect(retry.status).toBe("DUPLICATE");

  setPriceMetadata(w, bad, { short_code: "APP", max_activations: "4" });
  const licenses = await expectReplayLicenses(row.id, where, 3);
  expect(licenses.filter((l) => l.stripePriceId === bad.id).map((l) => l.maxActivations)).toEqual([4, 4]);
});

test("an unknown short_code fails until the product is in the catalog", async () => {
  const w = new StripeWorld(env.fake.store, { name: "unknownprod" });
  const price = w.price({ product: w.product(), metadata: { short_code: "NEWAPP" } });
  const purchase = w.checkout({ customer: w.customer(), lines: [{ price, quantity: 2 }] });
  const where = { stripeCheckoutSessionId: purchase.session.id };
  const row = await expectFailed(purchase.events, "UNKNOWN_PRODUCT", 'No product with short_code "NEWAPP" in the catalog', where);

  await seedCatalog(db(), accountId(), { products: [{ shortCode: "NEWAPP", policies: [{ code: "std", isDefault: true, maxActivations: 7 }] }] });
  const licenses = await expectReplayLicenses(row.id, where, 2);
  for (const l of licenses) expect(l.maxActivations).toBe(7);
});

test("an unknown license_policy names the product's policies; adding the policy and replaying licenses it", async () => {
  const w = new StripeWorld(env.fake.store, { name: "unknownpolicy" });
  const price = w.price({ product: w.product(), metadata: { short_code: "APP", license_policy: "gold" } });
  const purchase = w.oneOffInvoice({ customer: w.customer(), lines: [{ price, quantity: 1 }] });
  const where = { stripeInvoiceId: purchase.invoice.id };
  const row = await expectFailed(
    purchase.events,
    "UNKNOWN_POLICY",
    'license_policy "gold" is not a policy of product "APP" (its policies: std)',
    where,
  );

  await withCatalogWrite(db(), accountId(), { type: "CLI", id: "test" }, (w) =>
    createPolicy(w, "APP", { code: "gold", name: "Gold", maxActivations: 9 }),
  );
  const [license] = await expectReplayLicenses(row.id, where, 1);
  expect(license).toMatchObject({ maxActivations: 9, stripePaymentIntentId: purchase.paymentIntent.id });
});

test("a bundle code without is_product_bundle fails; setting the flag and replaying sells the bundle", async () => {
  const w = new StripeWorld(env.fake.store, { name: "noflag" });
  const price = w.price({ product: w.product(), metadata: { short_code: "SUITE" } });
  const purchase = w.checkout({ customer: w.customer(), lines: [{ price, quantity: 1 }] });
  const where = { stripeCheckoutSessionId: purchase.session.id };
  const row = await expectFailed(
    purchase.events,
    "BUNDLE_FLAG_MISSING",
    'short_code "SUITE" is a bundle: set is_product_bundle=true on the price to sell it',
    where,
  );

  setPriceMetadata(w, price, { short_code: "SUITE", is_product_bundle: "true" });
  const licenses = await expectReplayLicenses(row.id, where, 3);
  expect(licenses.map((l) => l.bundleMemberCode).sort()).toEqual(["", "EDIT", "RENDER"]);
});

test("two different bundles in one order fail; making one line a plain product and replaying licenses both lines", async () => {
  const w = new StripeWorld(env.fake.store, { name: "twobundles" });
  const suite = w.price({ product: w.product(), metadata: { short_code: "SUITE", is_product_bundle: "true" } });
  const pack = w.price({ product: w.product(), metadata: { short_code: "PACK", is_product_bundle: "true" } });
  const purchase = w.checkout({ customer: w.customer(), lines: [{ price: suite }, { price: pack }] });
  const where = { stripeCheckoutSessionId: purchase.session.id };
  const row = await expectFailed(
    purchase.events,
    "MULTIPLE_BUNDLES",
    'One order can hold only one product bundle; this one has "SUITE" and "PACK"',
    where,
  );

  setPriceMetadata(w, pack, { short_code: "APP" });
  const licenses = await expectReplayLicenses(row.id, where, 4);
  expect(licenses.filter((l) => l.stripePriceId === pack.id).map((l) => l.bundleMemberCode)).toEqual([""]);
});

test("a subscription whose price is invalid fails each event; after the fix, replays in order license it as if nothing failed", async () => {
  const w = new StripeWorld(env.fake.store, { name: "subfail" });
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP", unpaid_active_license_period: "soon" } });
  const start = w.subscribe({ customer: w.customer(), items: [{ price, quantity: 2 }] });
  const answers = await deliverAll(env.backend, start.events);
  expect(answers.map((a) => [a.status, a.errorCode])).toEqual([
    ["FAILED", "INVALID_METADATA"],
    ["FAILED", "INVALID_METADATA"],
  ]);
  expect(answers[1].message).toBe(
    `Price ${price.id}: unpaid_active_license_period: "soon" is not a duration; expected N followed by d, w, m or y, e.g. 30d or 1y (price metadata)`,
  );
  const where = { stripeSubscriptionId: start.subscription.id };
  expect(await db().license.count({ where })).toBe(0);

  setPriceMetadata(w, price, { short_code: "APP", unpaid_active_license_period: "7d" });
  for (const event of start.events) {
    const row = await inboxRow(db(), accountId(), event.id);
    expect((await replayFailedEvent(env.deps, accountId(), row.id)).status).toBe("PROCESSED");
  }
  const licenses = await licensesOf(db(), accountId(), where);
  expect(licenses).toHaveLength(2);
  for (const l of licenses) {
    expect(l).toMatchObject({ status: "ACTIVE", expiresAt: new Date(start.subscription.items.data[0]!.current_period_end * 1000) });
    expect((l.spec as any).unpaidActiveLicensePeriod).toBe("7d");
  }
});
