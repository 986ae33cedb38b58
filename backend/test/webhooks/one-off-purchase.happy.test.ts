import { addDuration } from "@tessera/shared";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { at, DAY_MS, eventually, historyOf, inboxRow, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import {
  catalog,
  checkoutLines,
  ignoredProduct,
  invoiceCheckout,
  oneOffInvoiceRefund,
  singleLicense,
  subscriptionCheckout,
} from "../scenarios/one-off-purchase";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("one_off");
  await seedCatalog(env.backend.db, env.backend.accountId, catalog);
});

afterAll(() => env?.close());

function world(name: string) {
  return new StripeWorld(env.fake.store, { name });
}

test("a one-off checkout licenses each line from its price: units, type, expiry, maintenance, custom fields", async () => {
  const w = world("checkout");
  const purchase = checkoutLines(w).purchase();
  const { perpetual, monthly, fromPolicy, maintained } = purchase.prices;
  const [event] = purchase.events;
  const answers = await deliverAll(env.backend, purchase.events);
  expect(answers.map((a) => a.status)).toEqual(["PROCESSED"]);

  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeCheckoutSessionId: purchase.session.id });
  expect(licenses).toHaveLength(6);
  const purchasedAt = at(event!.created);
  const byPrice = (priceId: string) => licenses.filter((l) => l.stripePriceId === priceId);

  const perpetuals = byPrice(perpetual.id);
  expect(perpetuals.map((l) => l.unitIndex).sort()).toEqual([0, 1, 2]);
  for (const l of perpetuals) {
    expect(l).toMatchObject({ status: "ACTIVE", licenseType: "PERPETUAL", expiresAt: null, maintenanceUntil: null, maxActivations: 2 });
    expect(l.stripePaymentIntentId).toBe(purchase.paymentIntent.id);
    expect((l.spec as any).customFields).toEqual({ Serial: "NONE" });
  }
  expect(new Set(perpetuals.map((l) => l.key)).size).toBe(3);

  const [timeLimited] = byPrice(monthly.id);
  expect(timeLimited).toMatchObject({ status: "ACTIVE", licenseType: "TIME_LIMITED", maxActivations: 2 });
  expect(timeLimited!.expiresAt).toEqual(new Date(purchasedAt.getTime() + 30 * DAY_MS));

  const [policyLicense] = byPrice(fromPolicy.id);
  expect(policyLicense).toMatchObject({ licenseType: "TIME_LIMITED", maxActivations: 1 });
  expect(policyLicense!.expiresAt).toEqual(new Date(purchasedAt.getTime() + 14 * DAY_MS));
  expect((policyLicense!.spec as any).policyCode).toBe("trial");

  const [withMaintenance] = byPrice(maintained.id);
  expect(withMaintenance).toMatchObject({ licenseType: "PERPETUAL", expiresAt: null, maxActivations: 4 });
  expect(withMaintenance!.maintenanceUntil).toEqual(addDuration(purchasedAt, { count: 1, unit: "y" }));
  expect(withMaintenance!.spec).toMatchObject({
    customFields: { Serial: "SN-42" },
    featureSets: [
      { set: 0, mask: 3 },
      { set: 1, mask: 1 },
    ],
    majorVersion: 7,
    maintenanceDuration: "1y",
  });

  for (const l of licenses) expect(historyOf(l)).toEqual([["CREATED", event!.id]]);
  const customer = await env.backend.db.customer.findFirstOrThrow({ where: { id: licenses[0]!.customerId! } });
  expect(customer.email).toBe("buyer@example.com");

  // The keys reach the payment intent after the transaction committed, through the outbox.
  const written = await eventually(
    () => w.scope.get("payment_intent", purchase.paymentIntent.id)?.metadata.license_keys,
    "license_keys on the payment intent",
  );
  expect(written.split(",").sort()).toEqual(licenses.map((l) => l.key).sort());
});

test("a checkout that started a subscription is ignored: invoice.paid alone licenses it", async () => {
  const w = world("subcheckout");
  const result = subscriptionCheckout(w).checkout();
  const answers = await deliverAll(env.backend, result.events);
  expect(answers.map((a) => a.status)).toEqual(["PROCESSED", "PROCESSED", "IGNORED"]);

  const checkoutEvent = result.events[2]!;
  const row = await inboxRow(env.backend.db, env.backend.accountId, checkoutEvent.id);
  expect(row.status).toBe("IGNORED");
  expect(row.outcome).toContain(`subscription ${result.subscription.id}`);

  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: result.subscription.id });
  expect(licenses).toHaveLength(2);
  for (const l of licenses) expect(historyOf(l)).toEqual([["CREATED", result.events[1]!.id]]);
  expect(await env.backend.db.license.count({ where: { stripeCheckoutSessionId: result.session.id } })).toBe(0);
});

test("a checkout with invoice creation is licensed once, by its invoice, with the checkout's payment intent", async () => {
  const w = world("invcheckout");
  const result = invoiceCheckout(w).checkout();
  expect(result.events.map((e) => e.type)).toEqual(["invoice.paid", "checkout.session.completed"]);
  const answers = await deliverAll(env.backend, result.events);
  expect(answers.map((a) => a.status)).toEqual(["PROCESSED", "IGNORED"]);

  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeInvoiceId: result.invoice!.id });
  expect(licenses).toHaveLength(2);
  for (const l of licenses) {
    expect(l).toMatchObject({ status: "ACTIVE", stripeCheckoutSessionId: null, stripePaymentIntentId: result.paymentIntent.id, maxActivations: 3 });
    expect(historyOf(l)).toEqual([["CREATED", result.events[0]!.id]]);
  }
  expect(await env.backend.db.license.count({ where: { stripePaymentIntentId: result.paymentIntent.id } })).toBe(2);
});

test("a one-off invoice licenses its lines, finds its payment intent through invoice payments, and a refund disables them", async () => {
  const steps = oneOffInvoiceRefund(world("oneoffinv"));
  const purchase = steps.purchase();
  expect((await deliverAll(env.backend, purchase.events)).map((a) => a.status)).toEqual(["PROCESSED"]);

  const where = { stripeInvoiceId: purchase.invoice.id };
  const licenses = await licensesOf(env.backend.db, env.backend.accountId, where);
  expect(licenses).toHaveLength(2);
  for (const l of licenses) {
    expect(l).toMatchObject({ status: "ACTIVE", licenseType: "PERPETUAL", maxActivations: 5, stripePaymentIntentId: purchase.paymentIntent.id });
  }
  expect(env.fake.requests.some((r) => r.path === "/v1/invoice_payments" && r.query.invoice === purchase.invoice.id)).toBe(true);

  const refund = steps.refund();
  expect((await deliverAll(env.backend, refund.events)).map((a) => a.status)).toEqual(["PROCESSED"]);
  const after = await licensesOf(env.backend.db, env.backend.accountId, where);
  for (const l of after) {
    expect(l.status).toBe("DISABLED");
    expect(l.disabledReason).toBe("payment refunded");
    expect(historyOf(l)).toEqual([
      ["CREATED", purchase.events[0]!.id],
      ["DISABLED", refund.events[0]!.id],
    ]);
  }
});

test("is_single_license makes one license carrying the whole quantity", async () => {
  const { first, second } = singleLicense(world("single")).purchases();
  await deliverAll(env.backend, [...first.events, ...second.events]);

  const singles = await licensesOf(env.backend.db, env.backend.accountId, { stripeCheckoutSessionId: first.session.id });
  expect(singles).toHaveLength(1);
  // APP's default policy allows 2 activations per unit.
  expect(singles[0]).toMatchObject({ status: "ACTIVE", maxActivations: 10, floatingUsers: null, unitIndex: 0 });

  const floatings = await licensesOf(env.backend.db, env.backend.accountId, { stripeCheckoutSessionId: second.session.id });
  expect(floatings).toHaveLength(1);
  // Every simultaneous user needs an activation, so SEAT's 3 per unit rises to the 4 users.
  expect(floatings[0]).toMatchObject({ status: "ACTIVE", floatingUsers: 4, maxActivations: 4 });
});

test("a price marked ignore_product is answered 200, recorded as ignored and licenses nothing", async () => {
  const { price, ...purchase } = ignoredProduct(world("ignored")).purchase();
  const answers = await deliverAll(env.backend, purchase.events);
  expect(answers.map((a) => a.status)).toEqual(["IGNORED"]);
  const row = await inboxRow(env.backend.db, env.backend.accountId, purchase.events[0]!.id);
  expect(row.status).toBe("IGNORED");
  expect(row.outcome).toContain(`ignore_product=true on the price of price ${price.id}`);
  expect(await env.backend.db.license.count({ where: { stripeCheckoutSessionId: purchase.session.id } })).toBe(0);
});

test("a cart with a T-shirt: the licensed line makes licenses, the price without Tessera metadata is skipped and the skip recorded", async () => {
  const w = world("tshirt");
  const editor = w.price({ product: w.product({ name: "Editor" }), metadata: { short_code: "APP" } });
  const tshirt = w.price({ product: w.product({ name: "T-shirt" }), metadata: { size: "XL" } });
  const purchase = w.checkout({ customer: w.customer(), lines: [{ price: editor, quantity: 2 }, { price: tshirt, quantity: 3 }] });
  const [answer] = await deliverAll(env.backend, purchase.events);
  expect(answer.status).toBe("PROCESSED");
  expect(answer.message).toContain(`skipped price ${tshirt.id} has none of Tessera's metadata keys, so it is not a license item`);
  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeCheckoutSessionId: purchase.session.id });
  expect(licenses.map((l) => l.stripePriceId)).toEqual([editor.id, editor.id]);

  const onlyShirts = w.checkout({ customer: w.customer(), lines: [{ price: tshirt, quantity: 1 }] });
  expect((await deliverAll(env.backend, onlyShirts.events)).map((a) => a.status)).toEqual(["IGNORED"]);
});

test("a price with some of Tessera's keys but no short_code still fails the whole order", async () => {
  const w = world("noshort");
  const editor = w.price({ product: w.product(), metadata: { short_code: "APP" } });
  const broken = w.price({ product: w.product(), metadata: { max_activations: "3" } });
  const purchase = w.checkout({ customer: w.customer(), lines: [{ price: editor, quantity: 1 }, { price: broken, quantity: 1 }] });
  const [answer] = await deliverAll(env.backend, purchase.events);
  expect(answer).toMatchObject({ status: "FAILED", errorCode: "INVALID_METADATA" });
  expect(answer.message).toContain("short_code is required");
  expect(await env.backend.db.license.count({ where: { stripeCheckoutSessionId: purchase.session.id } })).toBe(0);
});
