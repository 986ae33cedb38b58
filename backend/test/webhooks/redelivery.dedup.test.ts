import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { historyOf, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { buyAgain, catalog, checkoutCopy, invoiceCopies, raceOfCopies } from "../scenarios/redelivery";

jest.setTimeout(60_000);

let env: WebhookEnv;
let w: StripeWorld;

beforeAll(async () => {
  env = await startWebhookEnv("redelivery");
  await seedCatalog(env.backend.db, env.backend.accountId, catalog);
  w = new StripeWorld(env.fake.store, { name: "redeliver" });
});

afterAll(() => env?.close());

/** The licenses' identity and history: a second set or a second CREATED line would change it. */
async function snapshot(where: object) {
  const ls = await licensesOf(env.backend.db, env.backend.accountId, where);
  return ls.map((l) => ({ key: l.key, sourceKey: l.sourceKey, status: l.status, history: historyOf(l) }));
}

test("a checkout delivered again under a new event id makes no second set", async () => {
  const steps = checkoutCopy(w);
  const purchase = steps.purchase();
  const where = { stripeCheckoutSessionId: purchase.session.id };
  await deliverAll(env.backend, purchase.events);
  const before = await snapshot(where);
  expect(before).toHaveLength(3);

  const [again] = await deliverAll(env.backend, steps.copy().events);
  expect(again).toMatchObject({ status: "PROCESSED", message: `Checkout ${purchase.session.id}: 0 license(s) created` });
  expect(await snapshot(where)).toEqual(before);
});

test("a one-off invoice and a subscription's paid invoice delivered again under new ids make no second set", async () => {
  const steps = invoiceCopies(w);
  const { invoice, start, events } = steps.purchases();
  await deliverAll(env.backend, events);
  const invoiceWhere = { stripeInvoiceId: invoice.invoice.id };
  const subWhere = { stripeSubscriptionId: start.subscription.id };
  const invoiceBefore = await snapshot(invoiceWhere);
  const subBefore = await snapshot(subWhere);
  expect(invoiceBefore).toHaveLength(2);
  expect(subBefore).toHaveLength(2);

  const answers = await deliverAll(env.backend, steps.copies().events);
  expect(answers.map((a) => a.status)).toEqual(["PROCESSED", "PROCESSED", "PROCESSED"]);
  expect(await snapshot(invoiceWhere)).toEqual(invoiceBefore);
  expect(await snapshot(subWhere)).toEqual(subBefore);
});

test("the original and its copies delivered at the same moment still make exactly one set", async () => {
  const { purchase, events: deliveries } = raceOfCopies(w).deliveries();
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
  const { price, first, second, events } = buyAgain(w).purchases();
  await deliverAll(env.backend, events);
  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripePriceId: price.id });
  expect(licenses.map((l) => l.stripeCheckoutSessionId).sort()).toEqual([first.session.id, second.session.id].sort());
  expect(new Set(licenses.map((l) => l.customerId)).size).toBe(1);
});

test("a redelivery of an event this process recorded is answered DUPLICATE without asking Stripe again", async () => {
  const price = w.price({ product: w.product(), metadata: { short_code: catalog.products[0]!.shortCode } });
  const purchase = w.checkout({ customer: w.customer(), lines: [{ price, quantity: 1 }] });
  const lineItemCalls = () => env.fake.requests.filter((r) => r.path.includes(`/checkout/sessions/${purchase.session.id}/line_items`)).length;
  expect((await deliverAll(env.backend, purchase.events)).map((a) => a.status)).toEqual(["PROCESSED"]);
  expect(lineItemCalls()).toBe(1);
  const again = await deliverAll(env.backend, purchase.events);
  expect(again).toEqual([expect.objectContaining({ status: "DUPLICATE", message: `Event ${purchase.events[0]!.id} was already processed` })]);
  expect(lineItemCalls()).toBe(1);
});
