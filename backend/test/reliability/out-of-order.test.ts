import type Stripe from "stripe";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { expectSameFinalState, finalState, stateFigures, writebacksDone, type FinalState } from "../harness/final-state";
import { answersByStatus, deliverStreams, report } from "../harness/load";
import { seededRandom, shuffled } from "../harness/shuffle";
import { inboxRow, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { bundleScenarios } from "../scenarios/bundles";
import { oneOffPurchaseScenarios } from "../scenarios/one-off-purchase";
import { orderingExtraScenarios } from "../scenarios/ordering-extras";
import { redeliveryScenarios } from "../scenarios/redelivery";
import { refundScenarios } from "../scenarios/refunds";
import type { ScenarioSet } from "../scenarios/scenario";
import { subscriptionBillingScenarios } from "../scenarios/subscription-billing";
import { subscriptionHistoryScenarios } from "../scenarios/subscription-history";
import { subscriptionLifecycleScenarios } from "../scenarios/subscription-lifecycle";
import { subscriptionQuantityScenarios } from "../scenarios/subscription-quantity";

// Scenario 6: every scenario of the end-to-end suite, all its events at once, each three times, in
// shuffled orders, ends with the licenses an in-order delivery makes. Each run has a connected account of
// its own, so every run has the same Stripe ids. Not in the corpus, because a person or the catalog acts
// between their events (and where that happens relative to the events is the point): manual disable, the
// failed-then-fixed replays, account and price caches, the write-back outbox, HTTP edges.
jest.setTimeout(300_000);

const SETS: ScenarioSet[] = [
  oneOffPurchaseScenarios,
  refundScenarios,
  bundleScenarios,
  subscriptionBillingScenarios,
  subscriptionQuantityScenarios,
  subscriptionLifecycleScenarios,
  redeliveryScenarios,
  subscriptionHistoryScenarios,
  orderingExtraScenarios,
];
const SEEDS = [1, 2, 3];
const COPIES = 3;
const IN_FLIGHT = 16;

let env: WebhookEnv;

beforeAll(async () => {
  // The worlds' clocks are in 2026 while the tests run: a sweep of ended graces in the middle of a run
  // would change some accounts and not others. Events alone decide here.
  env = await startWebhookEnv("rel_ordering", { env: { GRACE_SWEEP_INTERVAL_MS: "3600000" } });
});

afterAll(() => env?.close());

interface Run {
  accountId: string;
  stripeAccountId: string;
  /** What each scenario's steps returned, by scenario. */
  results: Record<string, { events: Stripe.Event[] }[]>;
  /** Every step's events, scenario after scenario, in order. */
  steps: Stripe.Event[][];
}

/** A connected account with the set's catalog and every scenario of the set built in it. */
async function accountFor(set: ScenarioSet, suffix: string): Promise<Run> {
  const stripeAccountId = `acct_${set.name}${suffix}`;
  const account = await env.backend.db.account.create({ data: { kind: "CONNECTED", stripeAccountId, livemode: false } });
  await seedCatalog(env.backend.db, account.id, set.catalog);
  const results: Run["results"] = {};
  for (const [name, make] of Object.entries(set.scenarios)) {
    results[name] = Object.values(make(new StripeWorld(env.fake.store, { name, account: stripeAccountId }))).map((step) => step());
  }
  return { accountId: account.id, stripeAccountId, results, steps: Object.values(results).flat().map((r) => r.events) };
}

async function stateOf(run: Run): Promise<FinalState> {
  await writebacksDone(env.backend.db, run.accountId);
  return finalState(env.backend.db, run.accountId, env.fake.store.connect(run.stripeAccountId));
}

const references = new Map<string, { run: Run; state: FinalState }>();

describe.each(SETS.map((set) => [set.name, set] as const))("%s", (_name, set) => {
  test("in order: every event answered 200", async () => {
    const run = await accountFor(set, "ref");
    const answers = await deliverAll(env.backend, run.steps.flat());
    const state = await stateOf(run);
    references.set(set.name, { run, state });
    report(`in order: ${set.name} (scenario 6)`, {
      scenarios: Object.keys(set.scenarios).length,
      events: run.steps.flat().length,
      answers: answersByStatus(answers.map((body) => ({ status: 200, body }) as any)),
      ...stateFigures(state),
    });
  });

  test.each(SEEDS)(`all at once, ${COPIES} copies each, shuffled with seed %i: the in-order licenses`, async (seed) => {
    const reference = references.get(set.name);
    expect(reference).toBeDefined();
    const run = await accountFor(set, `s${seed}`);
    const events = run.steps.flat();
    expect(events.map((e) => e.id)).toEqual(reference!.run.steps.flat().map((e) => e.id));
    const order = shuffled(events.flatMap((e) => Array.from({ length: COPIES }, () => e)), seededRandom(seed));
    const started = performance.now();
    const deliveries = await deliverStreams(order.map((e) => [e]), { copies: 1, inFlight: IN_FLIGHT, target: () => env.backend.url });
    const state = await stateOf(run);
    report(`shuffled: ${set.name}, seed ${seed} (scenario 6)`, {
      deliveries: deliveries.length,
      answers: answersByStatus(deliveries),
      seconds: ((performance.now() - started) / 1000).toFixed(1),
      ...stateFigures(state),
    });
    const notOk = deliveries.filter((d) => d.status !== 200);
    expect(notOk.slice(0, 3).map((d) => ({ event: d.eventId, status: d.status, body: d.body }))).toEqual([]);
    expectSameFinalState(state, reference!.state, { label: `${set.name}, seed ${seed}`, history: "created-once" });
  });
});

describe("what the rules promise whatever the order (design.md)", () => {
  const extras = () => {
    const reference = references.get(orderingExtraScenarios.name);
    if (!reference) throw new Error("The extras' in-order run did not happen");
    return reference.run;
  };
  const licensesWhere = (run: Run, where: object) => env.backend.db.license.findMany({ where: { accountId: run.accountId, ...where } });

  test("a full refund delivered before its checkout: the licenses end disabled", async () => {
    const run = extras();
    const [{ purchase }] = run.results.refundBeforeCheckout as unknown as [{ purchase: { session: { id: string } } }];
    const licenses = await licensesWhere(run, { stripeCheckoutSessionId: purchase.session.id });
    expect(licenses.map((l) => l.status)).toEqual(["DISABLED", "DISABLED"]);
  });

  test("a full refund delivered before a subscription's first invoice.paid: the licenses end disabled", async () => {
    const run = extras();
    const [{ start }] = run.results.refundBeforeFirstInvoice as unknown as [{ start: { subscription: { id: string } } }];
    const licenses = await licensesWhere(run, { stripeSubscriptionId: start.subscription.id });
    expect(licenses.map((l) => l.status)).toEqual(["DISABLED", "DISABLED"]);
  });

  test("a full refund of a subscription's first payment, in order: the licenses are disabled", async () => {
    const run = extras();
    const [start, refund] = run.results.subscriptionPaymentRefunded as unknown as [{ subscription: { id: string } }, { events: Stripe.Event[] }];
    const licenses = await licensesWhere(run, { stripeSubscriptionId: start.subscription.id });
    expect(licenses.map((l) => l.status)).toEqual(["DISABLED", "DISABLED"]);
    expect((await inboxRow(env.backend.db, run.accountId, refund.events[0]!.id)).status).toBe("PROCESSED");
  });

  test("a cart with a licensed price and a T-shirt without metadata: PROCESSED, the T-shirt skipped and the skip recorded", async () => {
    const run = extras();
    const [purchase] = run.results.cartWithTshirt as unknown as [
      { session: { id: string }; app: { id: string }; tshirt: { id: string }; events: Stripe.Event[] },
    ];
    const row = await inboxRow(env.backend.db, run.accountId, purchase.events[0]!.id);
    expect({ status: row.status, errorCode: row.errorCode }).toEqual({ status: "PROCESSED", errorCode: null });
    expect(row.outcome).toContain(purchase.tshirt.id);
    const licenses = await licensesWhere(run, { stripeCheckoutSessionId: purchase.session.id });
    expect(licenses.map((l) => l.stripePriceId)).toEqual([purchase.app.id]);
  });
});
