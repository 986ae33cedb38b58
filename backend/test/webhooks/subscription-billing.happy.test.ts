import type Stripe from "stripe";
import { disableExpiredGrace } from "../../src/jobs/grace-sweeper";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { at, DAY_MS, eventually, historyOf, inboxRow, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { addedDays, cancel, catalog, consumption, grace, latePaid, priceChange, renewals, statusChanges } from "../scenarios/subscription-billing";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("sub_billing");
  await seedCatalog(env.backend.db, env.backend.accountId, catalog);
});

afterAll(() => env?.close());

const world = (name: string) => new StripeWorld(env.fake.store, { name });

const periodEnd = (sub: Stripe.Subscription) => at(sub.items.data[0]!.current_period_end);
const subLicenses = (subscriptionId: string) => licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: subscriptionId });

describe("renewals", () => {
  test("each paid cycle moves expiry to the new period end", async () => {
    const steps = renewals(world("renew"));
    const start = steps.start();
    await deliverAll(env.backend, start.events);
    for (const l of await subLicenses(start.subscription.id)) expect(l.expiresAt).toEqual(periodEnd(start.subscription));

    const renewal = steps.renewal();
    expect(periodEnd(renewal.subscription).getTime()).toBeGreaterThan(periodEnd(start.subscription).getTime());
    const answers = await deliverAll(env.backend, renewal.events);
    expect(answers.map((a) => a.status)).toEqual(["PROCESSED", "PROCESSED"]);

    const licenses = await subLicenses(start.subscription.id);
    expect(licenses).toHaveLength(2);
    for (const l of licenses) {
      expect(l).toMatchObject({ status: "ACTIVE", expiresAt: periodEnd(renewal.subscription) });
      expect(historyOf(l)).toEqual([
        ["CREATED", start.events[1]!.id],
        ["EXPIRY_CHANGED", renewal.events[1]!.id],
      ]);
    }
  });

  test("added_days extends every period by that many days", async () => {
    const steps = addedDays(world("addeddays"));
    const start = steps.start();
    await deliverAll(env.backend, start.events);
    const [first] = await subLicenses(start.subscription.id);
    expect(first!.expiresAt).toEqual(new Date(periodEnd(start.subscription).getTime() + 5 * DAY_MS));

    const renewal = steps.renewal();
    await deliverAll(env.backend, renewal.events);
    const [renewed] = await subLicenses(start.subscription.id);
    expect(renewed!.expiresAt).toEqual(new Date(periodEnd(renewal.subscription).getTime() + 5 * DAY_MS));
  });

  test("a consumption license starts counting again when a new period is paid, not before", async () => {
    const steps = consumption(world("consume"));
    const start = steps.start();
    await deliverAll(env.backend, start.events);
    const [license] = await subLicenses(start.subscription.id);
    expect(license!.licenseType).toBe("CONSUMPTION");
    await env.backend.db.license.update({ where: { id: license!.id }, data: { consumptionUsed: 7 } });

    const renewal = steps.renewal();
    const [updated, paid] = renewal.events;
    await deliverAll(env.backend, [updated!]);
    expect((await subLicenses(start.subscription.id))[0]!.consumptionUsed).toBe(7);

    await deliverAll(env.backend, [paid!]);
    const [reset] = await subLicenses(start.subscription.id);
    expect(reset!.consumptionUsed).toBe(0);
    expect(historyOf(reset!)).toContainEqual(["CONSUMPTION_RESET", paid!.id]);
  });
});

describe("subscription status", () => {
  test("trialing and past_due keep licenses active; unpaid disables them; active again enables them", async () => {
    const steps = statusChanges(world("status"));
    const start = steps.start();
    expect(start.subscription.status).toBe("trialing");
    await deliverAll(env.backend, start.events);
    let licenses = await subLicenses(start.subscription.id);
    expect(licenses).toHaveLength(2);
    for (const l of licenses) expect(l).toMatchObject({ status: "ACTIVE", expiresAt: at(start.subscription.trial_end!) });

    const pastDue = steps.pastDue();
    await deliverAll(env.backend, pastDue.events);
    for (const l of await subLicenses(start.subscription.id)) expect(l.status).toBe("ACTIVE");

    const unpaid = steps.unpaid();
    await deliverAll(env.backend, unpaid.events);
    licenses = await subLicenses(start.subscription.id);
    for (const l of licenses) {
      expect(l).toMatchObject({ status: "DISABLED", disabledReason: "subscription unpaid", graceUntil: null });
    }

    const active = steps.active();
    await deliverAll(env.backend, active.events);
    for (const l of await subLicenses(start.subscription.id)) {
      expect(l).toMatchObject({ status: "ACTIVE", disabledReason: null });
      expect(historyOf(l)).toEqual([
        ["CREATED", start.events[1]!.id],
        ["DISABLED", unpaid.events[0]!.id],
        ["ENABLED", active.events[0]!.id],
      ]);
    }
  });

  test("unpaid_active_license_period keeps licenses active until the paid period's end plus the grace", async () => {
    const steps = grace(world("grace"));
    const start = steps.start();
    await deliverAll(env.backend, start.events);

    const unpaid = steps.unpaid();
    await deliverAll(env.backend, unpaid.events);
    // Stripe retries the payment after the period ends: the grace runs from the end of what was paid.
    const graceUntil = new Date(at(start.subscription.items.data[0]!.current_period_end).getTime() + 7 * DAY_MS);
    const [inGrace] = await subLicenses(start.subscription.id);
    expect(inGrace).toMatchObject({ status: "ACTIVE", graceUntil });
    expect(historyOf(inGrace!)).toEqual([
      ["CREATED", start.events[1]!.id],
      ["GRACE_CHANGED", unpaid.events[0]!.id],
    ]);

    const active = steps.active();
    await deliverAll(env.backend, active.events);
    const [paidAgain] = await subLicenses(start.subscription.id);
    expect(paidAgain).toMatchObject({ status: "ACTIVE", graceUntil: null });
    expect(historyOf(paidAgain!).at(-1)).toEqual(["GRACE_CHANGED", active.events[0]!.id]);

    // Grace is judged when an event arrives: the first one after it ran out disables the license.
    const unpaidAgain = steps.unpaidAgain();
    await deliverAll(env.backend, unpaidAgain.events);
    // 45 days on: past the paid month plus the 7-day grace.
    const later = steps.later();
    await deliverAll(env.backend, later.events);
    const [expired] = await subLicenses(start.subscription.id);
    expect(expired!.status).toBe("DISABLED");
    expect(expired!.disabledReason).toContain("unpaid grace ended");
  });
});

describe("past due", () => {
  test("with unpaid_active_license_period a past_due subscription keeps working through the grace; then the sweeper disables it", async () => {
    const w = world("pastdue");
    const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP", unpaid_active_license_period: "5d" } });
    const start = w.subscribe({ customer: w.customer(), items: [{ price, quantity: 1 }] });
    await deliverAll(env.backend, start.events);
    const pastDue = w.setStatus(start.subscription, "past_due");
    await deliverAll(env.backend, pastDue.events);
    const graceUntil = new Date(periodEnd(start.subscription).getTime() + 5 * DAY_MS);
    const [inGrace] = await subLicenses(start.subscription.id);
    expect(inGrace).toMatchObject({ status: "ACTIVE", graceUntil, expiresAt: periodEnd(start.subscription) });

    // Stripe sends nothing when the grace runs out while it is still retrying: the sweeper acts then.
    expect(await disableExpiredGrace(env.backend.db, new Date(graceUntil.getTime() - 1))).toBe(0);
    expect(await disableExpiredGrace(env.backend.db, graceUntil)).toBe(1);
    const [ended] = await subLicenses(start.subscription.id);
    expect(ended).toMatchObject({ status: "DISABLED", disabledReason: "unpaid grace ended" });
  });

  test("without the key a past_due subscription keeps its licenses active as before, with no grace", async () => {
    const w = world("pastdueplain");
    const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
    const start = w.subscribe({ customer: w.customer(), items: [{ price, quantity: 1 }] });
    await deliverAll(env.backend, start.events);
    await deliverAll(env.backend, w.setStatus(start.subscription, "past_due").events);
    const [license] = await subLicenses(start.subscription.id);
    expect(license).toMatchObject({ status: "ACTIVE", graceUntil: null, expiresAt: periodEnd(start.subscription) });
  });
});

describe("cancellation", () => {
  test("cancel at period end keeps licenses; the deletion disables them; an older update delivered late does not revive them", async () => {
    const w = world("cancel");
    const steps = cancel(w);
    const start = steps.start();
    await deliverAll(env.backend, start.events);
    // Writing the keys back makes Stripe send a customer.subscription.updated (status active) of its own.
    const keys = await eventually(
      () => w.scope.get("subscription", start.subscription.id)?.metadata.license_keys,
      "license_keys on the subscription",
    );
    expect(keys.split(",")).toHaveLength(2);
    const [late] = w.takeApiEvents();
    expect(late).toMatchObject({ type: "customer.subscription.updated", data: { object: { status: "active" } } });

    const cancelled = steps.cancel();
    await deliverAll(env.backend, cancelled.events);
    for (const l of await subLicenses(start.subscription.id)) expect(l.status).toBe("ACTIVE");

    const deleted = steps.deleted();
    await deliverAll(env.backend, deleted.events);
    const check = async () => {
      const licenses = await subLicenses(start.subscription.id);
      expect(licenses).toHaveLength(2);
      for (const l of licenses) {
        expect(l).toMatchObject({ status: "DISABLED", disabledReason: "subscription canceled" });
        expect(historyOf(l)).toEqual([
          ["CREATED", start.events[1]!.id],
          ["DISABLED", deleted.events[0]!.id],
        ]);
      }
    };
    await check();

    const [lateAnswer] = await deliverAll(env.backend, [late!]);
    expect(lateAnswer.status).toBe("PROCESSED");
    expect(lateAnswer.message).toContain("older than the state already applied");
    await check();
    const state = await env.backend.db.subscriptionState.findFirstOrThrow({ where: { stripeSubscriptionId: start.subscription.id } });
    expect(state.status).toBe("canceled");
  });
});

describe("price change", () => {
  test("moving an item to a price of another product keeps the keys and moves the licenses to the new spec", async () => {
    const steps = priceChange(world("pricechange"));
    const start = steps.start();
    const { proPrice } = start;
    await deliverAll(env.backend, start.events);
    const before = await subLicenses(start.subscription.id);

    const change = steps.change();
    const [answer] = await deliverAll(env.backend, change.events);
    expect(answer.status).toBe("PROCESSED");

    const after = await subLicenses(start.subscription.id);
    expect(after.map((l) => l.key)).toEqual(before.map((l) => l.key));
    const pro = await env.backend.db.product.findFirstOrThrow({ where: { accountId: env.backend.accountId, shortCode: "PRO" } });
    for (const l of after) {
      expect(l).toMatchObject({ status: "ACTIVE", stripePriceId: proPrice.id, maxActivations: 6, productId: pro.id, expiresAt: periodEnd(start.subscription) });
      expect(l.spec).toMatchObject({ productCode: "PRO", features: ["export"] });
      expect(historyOf(l)).toEqual([
        ["CREATED", start.events[1]!.id],
        ["SPEC_CHANGED", change.events[0]!.id],
      ]);
    }
    expect((await inboxRow(env.backend.db, env.backend.accountId, change.events[0]!.id)).status).toBe("PROCESSED");
  });
});

describe("events older than the stored state", () => {
  test("an invoice delivered after a newer price change loads the new price too and keeps the new spec", async () => {
    const steps = latePaid(world("latepaid"));
    const start = steps.start();
    const { proPrice } = start;
    const change = steps.change();
    // The price change arrives first; the first invoice (which names only the old price) comes late.
    await deliverAll(env.backend, [start.events[0]!, ...change.events]);
    const priceReads = () => env.fake.requests.filter((r) => r.method === "GET" && r.path === `/v1/prices/${proPrice.id}`).length;
    const readsBefore = priceReads();
    const [paid] = await deliverAll(env.backend, [start.events[1]!]);
    expect(paid.status).toBe("PROCESSED");
    expect(priceReads()).toBeLessThanOrEqual(readsBefore + 1);

    const licenses = await subLicenses(start.subscription.id);
    expect(licenses).toHaveLength(1);
    expect(licenses[0]).toMatchObject({ status: "ACTIVE", stripePriceId: proPrice.id, maxActivations: 6 });
  });
});
