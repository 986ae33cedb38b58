import type Stripe from "stripe";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { seededRandom, shuffled } from "../harness/shuffle";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

const SEEDS = [1, 2, 3, 4, 5];

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("shuffled");
});

afterAll(() => env?.close());

/**
 * A connected account with its own catalog and the same Stripe history in it: every account gets
 * identical ids, so their licenses can be compared one to one.
 */
async function accountWithHistory(stripeAccountId: string) {
  const account = await env.backend.db.account.create({ data: { kind: "CONNECTED", stripeAccountId, livemode: false } });
  await seedCatalog(env.backend.db, account.id, {
    products: [
      { shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] },
      { shortCode: "PRO", policies: [{ code: "std", isDefault: true, maxActivations: 5 }] },
    ],
    bundles: [{ code: "SUITE", members: ["APP", "PRO"] }],
  });
  return { accountId: account.id, events: history(new StripeWorld(env.fake.store, { name: "shuffle", account: stripeAccountId })) };
}

function history(w: StripeWorld): Stripe.Event[] {
  const app = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const pro = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "PRO", added_days: "2" } });
  const suite = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "SUITE", is_product_bundle: "true" } });
  const grace = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP", unpaid_active_license_period: "7d" } });
  const customer = w.customer();
  const events: Stripe.Event[] = [];
  const take = (r: { events: Stripe.Event[] }) => events.push(...r.events);

  // Every kind of change, then the end: stale events must not revive it.
  const ended = w.subscribe({ customer, items: [{ price: app, quantity: 2 }] });
  take(ended);
  take(w.setQuantity(ended.subscription, 0, 4));
  take(w.renew(ended.subscription));
  take(w.setQuantity(ended.subscription, 0, 3));
  take(w.changePrice(ended.subscription, 0, pro));
  take(w.setStatus(ended.subscription, "past_due"));
  take(w.renew(ended.subscription));
  take(w.deleteSubscription(ended.subscription));

  // Stays live with fewer units than it once had, so which units stay active must not depend on order.
  const live = w.subscribe({ customer, items: [{ price: app, quantity: 3 }] });
  take(live);
  take(w.renew(live.subscription));
  take(w.setQuantity(live.subscription, 0, 1));
  take(w.changePrice(live.subscription, 0, pro));
  take(w.setStatus(live.subscription, "past_due"));
  take(w.renew(live.subscription));
  take(w.setQuantity(live.subscription, 0, 2));

  // Bundle units: the members must follow their bundle license whatever the order.
  const bundle = w.subscribe({ customer, items: [{ price: suite, quantity: 1 }] });
  take(bundle);
  take(w.setQuantity(bundle.subscription, 0, 2));
  take(w.renew(bundle.subscription));
  take(w.setQuantity(bundle.subscription, 0, 1));

  // Unpaid past its grace (the paid month, then the grace): whether the grace ended must not depend on
  // which event came last.
  const unpaid = w.subscribe({ customer, items: [{ price: grace, quantity: 1 }] });
  take(unpaid);
  take(w.setStatus(unpaid.subscription, "unpaid"));
  w.advance(45 * 86_400);
  take(w.setQuantity(unpaid.subscription, 0, 2));
  return events;
}

async function finalState(accountId: string) {
  const licenses = await licensesOf(env.backend.db, accountId);
  return {
    count: licenses.length,
    byUnit: Object.fromEntries(
    licenses.map((l) => [
      `${l.stripeSubscriptionItemId}/${l.unitIndex}/${l.bundleMemberCode}`,
        { status: l.status, expiresAt: l.expiresAt?.toISOString() ?? null, maxActivations: l.maxActivations, stripePriceId: l.stripePriceId },
      ]),
    ),
  };
}

test("a subscription history delivered in shuffled orders ends in the same licenses as delivered in order", async () => {
  const inOrder = await accountWithHistory("acct_inorder");
  const answers = await deliverAll(env.backend, inOrder.events);
  expect(answers.every((a) => a.status === "PROCESSED")).toBe(true);
  const expected = await finalState(inOrder.accountId);

  // The in-order result is the one the rules promise, so the comparison below is against the right thing.
  expect(expected.count).toBe(15);
  const bySubscription = (prefix: string) => Object.entries(expected.byUnit).filter(([k]) => k.startsWith(prefix));
  const [endedItem, liveItem, bundleItem, unpaidItem] = [...new Set(Object.keys(expected.byUnit).map((k) => k.split("/")[0]))];
  expect(bySubscription(endedItem!).map(([, v]) => v.status)).toEqual(["DISABLED", "DISABLED", "DISABLED", "DISABLED"]);
  expect(bySubscription(liveItem!).map(([, v]) => [v.status, v.maxActivations])).toEqual([
    ["ACTIVE", 5],
    ["ACTIVE", 5],
    ["DISABLED", 5],
  ]);
  expect(bySubscription(bundleItem!).map(([k, v]) => [k.slice(k.indexOf("/") + 1), v.status])).toEqual([
    ["0/", "ACTIVE"],
    ["0/APP", "ACTIVE"],
    ["0/PRO", "ACTIVE"],
    ["1/", "DISABLED"],
    ["1/APP", "DISABLED"],
    ["1/PRO", "DISABLED"],
  ]);
  expect(bySubscription(unpaidItem!).map(([, v]) => v.status)).toEqual(["DISABLED", "DISABLED"]);

  for (const seed of SEEDS) {
    const account = await accountWithHistory(`acct_shuffle${seed}`);
    expect(account.events.map((e) => e.id)).toEqual(inOrder.events.map((e) => e.id));
    const order = shuffled(account.events, seededRandom(seed));
    for (const event of order) {
      const answer = await env.backend.deliver(event);
      expect({ seed, event: event.id, status: answer.status }).toEqual({ seed, event: event.id, status: 200 });
    }
    expect({ seed, state: await finalState(account.accountId) }).toEqual({ seed, state: expected });
  }
});
