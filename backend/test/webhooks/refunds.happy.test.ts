import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { historyOf, inboxRow, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { buy, catalog, fullRefund, partialThenFull, refundOfNothing } from "../scenarios/refunds";

jest.setTimeout(60_000);

let env: WebhookEnv;
let w: StripeWorld;

beforeAll(async () => {
  env = await startWebhookEnv("refunds");
  await seedCatalog(env.backend.db, env.backend.accountId, catalog);
  w = new StripeWorld(env.fake.store, { name: "refunds" });
});

afterAll(() => env?.close());

test("a full refund disables every license of the payment intent", async () => {
  const steps = fullRefund(w);
  const { purchase, other, events } = steps.purchases();
  await deliverAll(env.backend, events);

  const refund = steps.refund();
  expect((await deliverAll(env.backend, refund.events)).map((a) => a.status)).toEqual(["PROCESSED"]);

  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripePaymentIntentId: purchase.paymentIntent.id });
  expect(licenses).toHaveLength(2);
  for (const l of licenses) {
    expect(l).toMatchObject({ status: "DISABLED", disabledReason: "payment refunded", manuallyDisabled: false });
    expect(historyOf(l)).toEqual([
      ["CREATED", purchase.events[0]!.id],
      ["DISABLED", refund.events[0]!.id],
    ]);
  }
  const untouched = await licensesOf(env.backend.db, env.backend.accountId, { stripePaymentIntentId: other.paymentIntent.id });
  expect(untouched.map((l) => l.status)).toEqual(["ACTIVE"]);
});

test("a partial refund is written to the history and leaves the licenses active; refunding the rest disables them", async () => {
  const steps = partialThenFull(w);
  const purchase = steps.purchase();
  await deliverAll(env.backend, purchase.events);

  const partial = steps.partial();
  expect((await deliverAll(env.backend, partial.events)).map((a) => a.status)).toEqual(["PROCESSED"]);
  const where = { stripePaymentIntentId: purchase.paymentIntent.id };
  const afterPartial = await licensesOf(env.backend.db, env.backend.accountId, where);
  expect(afterPartial).toHaveLength(2);
  for (const l of afterPartial) {
    expect(l.status).toBe("ACTIVE");
    expect(historyOf(l)).toEqual([
      ["CREATED", purchase.events[0]!.id],
      ["PARTIAL_REFUND", partial.events[0]!.id],
    ]);
    expect(l.history[1]!.message).toContain("25.00 USD of 100.00 USD");
  }
  expect((await inboxRow(env.backend.db, env.backend.accountId, partial.events[0]!.id)).outcome).toContain("Partial refund");

  const rest = steps.rest();
  await deliverAll(env.backend, rest.events);
  const afterFull = await licensesOf(env.backend.db, env.backend.accountId, where);
  for (const l of afterFull) {
    expect(l.status).toBe("DISABLED");
    expect(historyOf(l).map(([type]) => type)).toEqual(["CREATED", "PARTIAL_REFUND", "DISABLED"]);
  }
});

test("a refund of a payment that licensed nothing is ignored with the reason, and kept for licenses made later", async () => {
  const steps = refundOfNothing(w);
  const purchase = steps.purchase();
  await deliverAll(env.backend, purchase.events);
  const refund = steps.refund();
  const [answer] = await deliverAll(env.backend, refund.events);
  expect(answer.status).toBe("IGNORED");
  expect(answer.message).toBe(
    `No licenses were sold with payment intent ${purchase.paymentIntent.id} yet; the refund is kept, so licenses made for it later start disabled`,
  );
});

test("a full refund delivered before the checkout that licenses it: the licenses start disabled", async () => {
  const purchase = buy(w, 2);
  const refund = w.refund(purchase.charge);
  const [early] = await deliverAll(env.backend, refund.events);
  expect(early.status).toBe("IGNORED");
  expect(await deliverAll(env.backend, purchase.events)).toEqual([expect.objectContaining({ status: "PROCESSED" })]);
  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripePaymentIntentId: purchase.paymentIntent.id });
  expect(licenses.map((l) => [l.status, l.disabledReason])).toEqual([
    ["DISABLED", "payment refunded"],
    ["DISABLED", "payment refunded"],
  ]);
  for (const l of licenses) expect(historyOf(l).map(([type]) => type)).toEqual(["CREATED", "DISABLED"]);
});

function subscribe(quantity: number) {
  const price = w.price({ product: w.product(), unit_amount: 2000, recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  return w.subscribe({ customer: w.customer(), items: [{ price, quantity }] });
}

test("a full refund of the invoice that created a subscription's licenses disables them, and a live status does not re-enable them", async () => {
  const start = subscribe(2);
  await deliverAll(env.backend, start.events);
  const refund = w.refund(start.charge!);
  const [answer] = await deliverAll(env.backend, refund.events);
  expect(answer).toMatchObject({ status: "PROCESSED", message: `Charge ${start.charge!.id} refunded: 2 license(s) disabled` });
  const where = { stripeSubscriptionId: start.subscription.id };
  for (const l of await licensesOf(env.backend.db, env.backend.accountId, where)) {
    expect(l).toMatchObject({ status: "DISABLED", disabledReason: "payment refunded" });
    expect(historyOf(l).at(-1)).toEqual(["DISABLED", refund.events[0]!.id]);
  }
  await deliverAll(env.backend, w.setQuantity(start.subscription, 0, 3).events);
  const after = await licensesOf(env.backend.db, env.backend.accountId, where);
  expect(after.map((l) => [l.status, l.disabledReason])).toEqual([
    ["DISABLED", "payment refunded"],
    ["DISABLED", "payment refunded"],
    ["DISABLED", "payment refunded"],
  ]);
});

test("a refund delivered before the subscription's first invoice.paid: its licenses start disabled", async () => {
  const start = subscribe(1);
  const refund = w.refund(start.charge!);
  await deliverAll(env.backend, refund.events);
  await deliverAll(env.backend, start.events);
  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: start.subscription.id });
  expect(licenses.map((l) => [l.status, l.disabledReason])).toEqual([["DISABLED", "payment refunded"]]);
});

test("a partial refund of a subscription's first invoice is written to its licenses' history", async () => {
  const start = subscribe(1);
  await deliverAll(env.backend, start.events);
  const partial = w.refund(start.charge!, 500);
  const [answer] = await deliverAll(env.backend, partial.events);
  expect(answer.message).toBe(`Partial refund of charge ${start.charge!.id} recorded on 1 license(s)`);
  const [license] = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: start.subscription.id });
  expect(license!.status).toBe("ACTIVE");
  expect(historyOf(license!).at(-1)).toEqual(["PARTIAL_REFUND", partial.events[0]!.id]);
});
