import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { expectSameFinalState, finalState, writebacksDone } from "../harness/final-state";
import { seededRandom, shuffled } from "../harness/shuffle";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { catalog, fourSubscriptions } from "../scenarios/subscription-history";

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
  await seedCatalog(env.backend.db, account.id, catalog);
  const events = fourSubscriptions(new StripeWorld(env.fake.store, { name: "shuffle", account: stripeAccountId })).history().events;
  return { accountId: account.id, stripeAccountId, events };
}

/** Everything the helper compares, once the key write-backs are done. */
async function fullState(account: { accountId: string; stripeAccountId: string }) {
  await writebacksDone(env.backend.db, account.accountId);
  return finalState(env.backend.db, account.accountId, env.fake.store.connect(account.stripeAccountId));
}

async function unitStates(accountId: string) {
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
  const expected = await unitStates(inOrder.accountId);
  const expectedFull = await fullState(inOrder);

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
    expect({ seed, state: await unitStates(account.accountId) }).toEqual({ seed, state: expected });
    // Every field of every license, and the keys on the subscriptions; the history only by its CREATED line,
    // since another order legitimately writes other lines (a quantity change seen before a renewal).
    expectSameFinalState(await fullState(account), expectedFull, { label: `seed ${seed}`, history: "created-once" });
  }
});
