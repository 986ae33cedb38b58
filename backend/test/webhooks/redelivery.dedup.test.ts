import type Stripe from "stripe";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { historyOf, startWebhookEnv, withNewId, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let w: StripeWorld;

beforeAll(async () => {
  env = await startWebhookEnv("redelivery");
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }],
  });
  w = new StripeWorld(env.fake.store, { name: "redeliver" });
});

afterAll(() => env?.close());

const oneOffPrice = () => w.price({ product: w.product(), metadata: { short_code: "APP" } });
const recurringPrice = () => w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });

/** The licenses' identity and history: a second set or a second CREATED line would change it. */
async function snapshot(where: object) {
  const ls = await licensesOf(env.backend.db, env.backend.accountId, where);
  return ls.map((l) => ({ key: l.key, sourceKey: l.sourceKey, status: l.status, history: historyOf(l) }));
}

test("a checkout delivered again under a new event id makes no second set", async () => {
  const purchase = w.checkout({ customer: w.customer(), lines: [{ price: oneOffPrice(), quantity: 3 }] });
  const where = { stripeCheckoutSessionId: purchase.session.id };
  await deliverAll(env.backend, purchase.events);
  const before = await snapshot(where);
  expect(before).toHaveLength(3);

  const [again] = await deliverAll(env.backend, [withNewId(purchase.events[0]!, "evt_redeliver_copy1")]);
  expect(again).toMatchObject({ status: "PROCESSED", message: `Checkout ${purchase.session.id}: 0 license(s) created` });
  expect(await snapshot(where)).toEqual(before);
});

test("a one-off invoice and a subscription's paid invoice delivered again under new ids make no second set", async () => {
  const invoice = w.oneOffInvoice({ customer: w.customer(), lines: [{ price: oneOffPrice(), quantity: 2 }] });
  const start = w.subscribe({ customer: w.customer(), items: [{ price: recurringPrice(), quantity: 2 }] });
  await deliverAll(env.backend, [...invoice.events, ...start.events]);
  const invoiceWhere = { stripeInvoiceId: invoice.invoice.id };
  const subWhere = { stripeSubscriptionId: start.subscription.id };
  const invoiceBefore = await snapshot(invoiceWhere);
  const subBefore = await snapshot(subWhere);
  expect(invoiceBefore).toHaveLength(2);
  expect(subBefore).toHaveLength(2);

  const copies = [...invoice.events, ...start.events].map((e, i) => withNewId(e, `evt_redeliver_copy2_${i}`));
  const answers = await deliverAll(env.backend, copies);
  expect(answers.map((a) => a.status)).toEqual(["PROCESSED", "PROCESSED", "PROCESSED"]);
  expect(await snapshot(invoiceWhere)).toEqual(invoiceBefore);
  expect(await snapshot(subWhere)).toEqual(subBefore);
});

test("the original and its copies delivered at the same moment still make exactly one set", async () => {
  const purchase = w.checkout({ customer: w.customer(), lines: [{ price: oneOffPrice(), quantity: 4 }] });
  const [event] = purchase.events as [Stripe.Event];
  const deliveries = [event, event, ...Array.from({ length: 6 }, (_, i) => withNewId(event, `evt_redeliver_race_${i}`))];
  const answers = await Promise.all(deliveries.map((e) => env.backend.deliver(e)));
  expect(answers.map((a) => a.status)).toEqual(deliveries.map(() => 200));
  expect(answers.filter((a) => a.body.status === "DUPLICATE")).toHaveLength(1);

  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeCheckoutSessionId: purchase.session.id });
  expect(licenses.map((l) => l.unitIndex).sort()).toEqual([0, 1, 2, 3]);
  for (const l of licenses) expect(historyOf(l).filter(([type]) => type === "CREATED")).toHaveLength(1);
  // Exactly one delivery created them; the others found the purchase already licensed.
  expect(answers.filter((a) => a.body.message === `Checkout ${purchase.session.id}: 4 license(s) created`)).toHaveLength(1);
});

test("the same customer buying the same product again gets a second set", async () => {
  const customer = w.customer();
  const price = oneOffPrice();
  const first = w.checkout({ customer, lines: [{ price, quantity: 1 }] });
  const second = w.checkout({ customer, lines: [{ price, quantity: 1 }] });
  await deliverAll(env.backend, [...first.events, ...second.events]);
  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripePriceId: price.id });
  expect(licenses.map((l) => l.stripeCheckoutSessionId).sort()).toEqual([first.session.id, second.session.id].sort());
  expect(new Set(licenses.map((l) => l.customerId)).size).toBe(1);
});
