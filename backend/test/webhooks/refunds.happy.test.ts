import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { historyOf, inboxRow, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { catalog, fullRefund, partialThenFull, refundOfNothing } from "../scenarios/refunds";

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

test("a refund of a payment that licensed nothing is ignored with the reason", async () => {
  const steps = refundOfNothing(w);
  const purchase = steps.purchase();
  await deliverAll(env.backend, purchase.events);
  const refund = steps.refund();
  const [answer] = await deliverAll(env.backend, refund.events);
  expect(answer.status).toBe("IGNORED");
  expect(answer.message).toBe(`No licenses were sold with payment intent ${purchase.paymentIntent.id}`);
});
