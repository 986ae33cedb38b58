import Stripe from "stripe";
import { startFakeStripe, type FakeStripe } from "./server";
import { signEvent } from "./sign";
import { StripeWorld } from "./world";

const KEY = "sk_test_fake_tessera";
const SECRET = "whsec_fake_tessera";
const ACCOUNT = "acct_vendor1";

let fake: FakeStripe;

function client(config: Partial<Stripe.StripeConfig> = {}): Stripe {
  return new Stripe(KEY, { host: "127.0.0.1", port: fake.port, protocol: "http", maxNetworkRetries: 0, ...config });
}

function licensedPrice(world: StripeWorld, recurring: { interval: "month" | "year" } | null = null): Stripe.Price {
  const product = world.product({ name: "Pro", metadata: { short_code: "pro" } });
  return world.price({ product, recurring, unit_amount: 2500, metadata: { short_code: "pro", max_activations: "3" } });
}

const ofType = <T extends Stripe.Event["type"]>(events: Stripe.Event[], type: T): Extract<Stripe.Event, { type: T }> => {
  const found = events.find((e): e is Extract<Stripe.Event, { type: T }> => e.type === type);
  if (!found) throw new Error(`no ${type} among ${events.map((e) => e.type).join(", ")}`);
  return found;
};

beforeEach(async () => {
  fake = await startFakeStripe();
});

afterEach(async () => {
  await fake.close();
});

describe("fake Stripe server through the real SDK", () => {
  it("retrieves a price with its product expanded and coerces its decimal fields", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const price = licensedPrice(world);

    const fetched = await client().prices.retrieve(price.id, { expand: ["product"] });

    expect(fetched.metadata).toEqual({ short_code: "pro", max_activations: "3" });
    expect(fetched.product).toMatchObject({ object: "product", name: "Pro", metadata: { short_code: "pro" } });
    expect(String(fetched.unit_amount_decimal)).toBe("2500");
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: `/v1/prices/${price.id}`, query: { expand: ["product"] } });
  });

  it("auto-paginates checkout line items with prices and products expanded", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const price = licensedPrice(world);
    const { session } = world.checkout({ email: "guest@example.com", lines: Array.from({ length: 130 }, () => ({ price, quantity: 2 })) });

    const items = await client()
      .checkout.sessions.listLineItems(session.id, { limit: 100, expand: ["data.price.product"] })
      .autoPagingToArray({ limit: 1000 });

    expect(items).toHaveLength(130);
    expect(new Set(items.map((item) => item.id)).size).toBe(130);
    expect(items[129]).toMatchObject({ object: "item", quantity: 2, amount_total: 5000, price: { id: price.id, product: { name: "Pro" } } });
    const pages = fake.requests.filter((r) => r.path.endsWith("/line_items"));
    expect(pages.map((r) => r.query.starting_after)).toEqual([undefined, items[99]?.id]);
  });

  it("serves a one-off checkout without invoice or subscription", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const customer = world.customer({ email: "ada@example.com" });
    const result = world.checkout({ customer, lines: [{ price: licensedPrice(world), quantity: 3 }] });

    const session = await client().checkout.sessions.retrieve(result.session.id, { expand: ["line_items"] });

    expect(session).toMatchObject({ mode: "payment", invoice: null, subscription: null, payment_intent: result.paymentIntent.id });
    expect(session.customer_details?.email).toBe("ada@example.com");
    expect(session.line_items?.data).toHaveLength(1);
    expect(result.charge).toMatchObject({ payment_intent: result.paymentIntent.id, amount: 7500, refunded: false });
    expect(result.events.map((e) => e.type)).toEqual(["checkout.session.completed"]);
  });

  it("issues an invoice for a checkout with invoice creation, paid by the session's payment intent", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const { session, invoice, paymentIntent, events } = world.checkout({
      customer: world.customer(),
      lines: [{ price: licensedPrice(world) }],
      invoiceCreation: true,
    });

    const payments = await client().invoicePayments.list({ invoice: invoice?.id ?? "" });

    expect(session).toMatchObject({ mode: "payment", invoice: invoice?.id, payment_intent: paymentIntent.id });
    expect(invoice).toMatchObject({ billing_reason: "manual", parent: null, amount_paid: 2500 });
    expect(payments.data.map((p) => p.payment.payment_intent)).toEqual([paymentIntent.id]);
    expect(events.map((e) => e.type)).toEqual(["invoice.paid", "checkout.session.completed"]);
  });

  it("links a subscription's first invoice to its payment intent through invoice payments", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const customer = world.customer();
    const { subscription, invoice, paymentIntent } = world.subscribe({
      customer,
      items: [{ price: licensedPrice(world, { interval: "month" }), quantity: 2 }],
    });

    const stripe = client();
    const fetched = await stripe.invoices.retrieve(invoice.id);
    const payments = await stripe.invoicePayments.list({ invoice: invoice.id });

    expect(fetched.billing_reason).toBe("subscription_create");
    expect(fetched.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(fetched.lines.data[0]?.parent?.subscription_item_details?.subscription_item).toBe(subscription.items.data[0]?.id);
    expect(payments.data).toHaveLength(1);
    expect(payments.data[0]?.payment).toEqual({ type: "payment_intent", payment_intent: paymentIntent?.id });
  });

  it("paginates invoice lines beyond the ten an invoice embeds", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const price = licensedPrice(world);
    const { invoice } = world.oneOffInvoice({ customer: world.customer(), lines: Array.from({ length: 12 }, () => ({ price })) });

    const lines = await client().invoices.listLineItems(invoice.id, { limit: 5 }).autoPagingToArray({ limit: 100 });

    expect(invoice.lines).toMatchObject({ has_more: true, url: `/v1/invoices/${invoice.id}/lines` });
    expect(invoice.lines.data).toHaveLength(10);
    expect(lines).toHaveLength(12);
    expect(lines[11]?.pricing?.price_details).toEqual({ price: price.id, product: price.product });
    expect(invoice.parent).toBeNull();
  });

  it("merges subscription metadata, unsets empty keys and reports the update Stripe would send", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const { subscription } = world.subscribe({ customer: world.customer(), items: [{ price: licensedPrice(world, { interval: "month" }) }], metadata: { order: "42" } });
    const stripe = client();

    await stripe.subscriptions.update(subscription.id, { metadata: { license_keys: "AAAAA-BBBBB" } });
    await stripe.subscriptions.update(subscription.id, { metadata: { order: "" } });
    const fetched = await stripe.subscriptions.retrieve(subscription.id);

    expect(fetched.metadata).toEqual({ license_keys: "AAAAA-BBBBB" });
    expect(fake.requests.filter((r) => r.method === "POST").map((r) => r.body)).toEqual([
      { metadata: { license_keys: "AAAAA-BBBBB" } },
      { metadata: { order: "" } },
    ]);
    const echoes = world.takeApiEvents();
    expect(echoes.map((e) => [e.type, e.data.previous_attributes])).toEqual([
      ["customer.subscription.updated", { metadata: { license_keys: null } }],
      ["customer.subscription.updated", { metadata: { order: "42" } }],
    ]);
    expect(echoes[0]?.request?.id).toMatch(/^req_/);
    expect(world.takeApiEvents()).toEqual([]);
  });

  it("updates payment intent metadata and enforces Stripe's metadata limits", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const { paymentIntent } = world.checkout({ lines: [{ price: licensedPrice(world) }] });
    const stripe = client();

    const updated = await stripe.paymentIntents.update(paymentIntent.id, { metadata: { license_keys: "K1" } });
    const tooLong = stripe.paymentIntents.update(paymentIntent.id, { metadata: { license_keys: "X".repeat(501) } });

    expect(updated.metadata).toEqual({ license_keys: "K1" });
    await expect(tooLong).rejects.toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, param: "metadata[license_keys]" });
    await expect(stripe.paymentIntents.update(paymentIntent.id, { description: "x" })).rejects.toMatchObject({ code: "parameter_unknown" });
  });

  it("answers unknown ids with Stripe's 404 and unknown keys with a 401", async () => {
    const missing = client().prices.retrieve("price_x");
    const strict = await startFakeStripe({ apiKeys: ["rk_live_restricted"] });
    const at = (key: string) => new Stripe(key, { host: "127.0.0.1", port: strict.port, protocol: "http", maxNetworkRetries: 0 });

    try {
      await expect(missing).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      await expect(missing).rejects.toMatchObject({ statusCode: 404, code: "resource_missing", param: "id", message: "No such price: 'price_x'" });
      await expect(at("sk_test_unlisted").customers.retrieve("cus_x")).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      await expect(at("rk_live_restricted").customers.retrieve("cus_x")).rejects.toMatchObject({ statusCode: 404 });
      await expect(new Stripe("sk_live_x", { host: "127.0.0.1", port: fake.port, protocol: "http" }).accounts.retrieveCurrent()).rejects.toMatchObject({
        type: "StripeAuthenticationError",
        statusCode: 401,
      });
    } finally {
      await strict.close();
    }
  });

  it("speaks Stripe's wire format to plain HTTP clients too", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const price = licensedPrice(world);
    const get = (path: string, headers: Record<string, string> = { Authorization: `Bearer ${KEY}` }) =>
      fetch(`${fake.url}${path}`, { headers }).then(async (res) => ({ status: res.status, body: await res.json() }));

    expect(await get(`/v1/prices/${price.id}?expand[]=product`)).toMatchObject({ status: 200, body: { product: { id: price.product } } });
    expect(await get("/v1/prices/price_x")).toEqual({
      status: 404,
      body: { error: expect.objectContaining({ type: "invalid_request_error", code: "resource_missing", message: "No such price: 'price_x'", param: "id" }) },
    });
    expect(await get(`/v1/prices/${price.id}`, {})).toMatchObject({ status: 401, body: { error: { type: "invalid_request_error" } } });
    expect(await get(`/v1/prices/${price.id}?expand[]=nope`)).toMatchObject({ status: 400, body: { error: { param: "expand" } } });
    expect(await get("/v1/refunds")).toMatchObject({ status: 404, body: { error: { message: expect.stringMatching(/^Unrecognized request URL/) } } });
  });

  it("fails the next requests on demand, which the SDK's own retries can absorb", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const price = licensedPrice(world);

    fake.failNext(1, 500);
    await expect(client().prices.retrieve(price.id)).rejects.toMatchObject({ type: "StripeAPIError", statusCode: 500 });
    fake.failNext(1, 500, { method: "POST" });
    await expect(client().prices.retrieve(price.id)).resolves.toMatchObject({ id: price.id });
    await expect(client({ maxNetworkRetries: 1 }).paymentIntents.update("pi_none", { metadata: { a: "b" } })).rejects.toMatchObject({
      statusCode: 404,
    });

    expect(fake.requests.map((r) => [r.method, r.status])).toEqual([
      ["GET", 500],
      ["GET", 200],
      ["POST", 500],
      ["POST", 404],
    ]);
  });

  it("keeps a connected account's objects behind its Stripe-Account header until it deauthorizes", async () => {
    const vendor = new StripeWorld(fake.store, { name: "v1", account: ACCOUNT });
    const { session, events } = vendor.checkout({ lines: [{ price: licensedPrice(vendor) }] });
    const asPlatform = client();
    const asVendor = client({ stripeAccount: ACCOUNT });

    await expect(asPlatform.checkout.sessions.retrieve(session.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(asVendor.checkout.sessions.retrieve(session.id)).resolves.toMatchObject({ id: session.id });
    await expect(asVendor.accounts.retrieveCurrent()).resolves.toMatchObject({ id: ACCOUNT, object: "account" });
    expect(events[0]?.account).toBe(ACCOUNT);
    expect(fake.requests.at(-1)?.stripeAccount).toBe(ACCOUNT);

    const { events: uninstall } = vendor.deauthorize();

    expect(uninstall[0]).toMatchObject({ type: "account.application.deauthorized", account: ACCOUNT, data: { object: { object: "application" } } });
    await expect(asVendor.checkout.sessions.retrieve(session.id)).rejects.toMatchObject({
      type: "StripePermissionError",
      code: "account_invalid",
    });
  });

  it("signs events so the SDK verifies them, and only the exact body", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const [event] = world.checkout({ lines: [{ price: licensedPrice(world) }] }).events;
    const stripe = client();

    const delivery = signEvent(event!, SECRET);
    const verified = stripe.webhooks.constructEvent(delivery.body, delivery.headers["stripe-signature"], SECRET);

    expect(verified).toMatchObject({ id: event?.id, type: "checkout.session.completed", api_version: Stripe.API_VERSION });
    expect(() => stripe.webhooks.constructEvent(JSON.stringify(event), delivery.headers["stripe-signature"], SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const stale = signEvent(event!, SECRET, { timestamp: event!.created });
    expect(() => stripe.webhooks.constructEvent(stale.body, stale.headers["stripe-signature"], SECRET)).toThrow(/tolerance/);
  });
});

describe("StripeWorld scenarios", () => {
  it("gives events strictly increasing created times and ids that never collide across worlds", () => {
    const a = new StripeWorld(fake.store, { name: "a" });
    const b = new StripeWorld(fake.store, { name: "b" });
    const customer = a.customer();
    const sub = a.subscribe({ customer, items: [{ price: licensedPrice(a, { interval: "month" }) }] });
    const events = [
      ...sub.events,
      ...a.setQuantity(sub.subscription, 0, 3).events,
      ...a.renew(sub.subscription).events,
      ...a.cancelAtPeriodEnd(sub.subscription).events,
      ...a.deleteSubscription(sub.subscription).events,
    ];
    events.push(a.event("customer.updated", customer, { email: "old@example.com" }));
    const other = b.product();

    const created = events.map((e) => e.created);
    expect(created).toEqual([...created].sort((x, y) => x - y));
    expect(new Set(created).size).toBe(created.length);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(other.id).toMatch(/^prod_b_/);
    expect(fake.store.platform.get("product", other.id)).toBe(other);
  });

  it("reports what changed in previous_attributes", () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const monthly = licensedPrice(world, { interval: "month" });
    const { subscription } = world.subscribe({ customer: world.customer(), items: [{ price: monthly, quantity: 2 }] });
    const item = subscription.items.data[0]!;

    const quantity = ofType(world.setQuantity(subscription, item.id, 5).events, "customer.subscription.updated");
    const status = ofType(world.setStatus(subscription, "past_due").events, "customer.subscription.updated");
    const cancel = ofType(world.cancelAtPeriodEnd(subscription).events, "customer.subscription.updated");

    expect(quantity.data.object.items.data[0]?.quantity).toBe(5);
    expect(quantity.data.previous_attributes).toEqual({ items: { data: [item] } });
    expect(status.data.previous_attributes).toEqual({ status: "active" });
    expect(cancel.data.previous_attributes).toEqual({
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      cancellation_details: { reason: null },
    });
    expect(cancel.data.object.cancel_at).toBe(item.current_period_end);
  });

  it("renews into the next period with a subscription_cycle invoice", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const { subscription, invoice: first } = world.subscribe({
      customer: world.customer(),
      items: [{ price: licensedPrice(world, { interval: "month" }) }],
    });
    const before = subscription.items.data[0]!;

    const { invoice, paymentIntent, events } = world.renew(subscription);
    const updated = ofType(events, "customer.subscription.updated");
    const line = invoice.lines.data[0]!;

    // Calendar months from 2026-01-01: January has 31 days, February 28.
    expect(before.current_period_end - before.current_period_start).toBe(31 * 86_400);
    expect(invoice.billing_reason).toBe("subscription_cycle");
    expect(line.period).toEqual({ start: before.current_period_end, end: before.current_period_end + 28 * 86_400 });
    expect(invoice.period_end).toBe(before.current_period_end);
    expect(updated.data.previous_attributes).toEqual({ items: { data: [before] }, latest_invoice: first.id });
    expect(updated.request).toEqual({ id: null, idempotency_key: null });
    const payments = await client().invoicePayments.list({ invoice: invoice.id });
    expect(payments.data[0]?.payment.payment_intent).toBe(paymentIntent?.id);
  });

  it("starts a trial with a zero first invoice and no payment", async () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const { subscription, invoice, paymentIntent } = world.subscribe({
      customer: world.customer(),
      items: [{ price: licensedPrice(world, { interval: "year" }), quantity: 4 }],
      trialDays: 14,
    });

    expect(subscription.status).toBe("trialing");
    expect(subscription.items.data[0]?.current_period_end).toBe(subscription.trial_end);
    expect(invoice).toMatchObject({ total: 0, amount_paid: 0, billing_reason: "subscription_create" });
    expect(invoice.lines.data[0]).toMatchObject({ amount: 0, quantity: 4 });
    expect(paymentIntent).toBeNull();
    expect((await client().invoicePayments.list({ invoice: invoice.id })).data).toEqual([]);
  });

  it("changes the price on the same item, restarting the period when the interval changes", () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const monthly = licensedPrice(world, { interval: "month" });
    const yearly = licensedPrice(world, { interval: "year" });
    const { subscription } = world.subscribe({ customer: world.customer(), items: [{ price: monthly, quantity: 2 }] });
    const item = subscription.items.data[0]!;
    world.advance(10 * 86_400);

    const { subscription: after, invoice, events } = world.changePrice(subscription, 0, yearly);

    expect(after.items.data[0]).toMatchObject({ id: item.id, price: { id: yearly.id }, plan: { id: yearly.id, interval: "year" }, quantity: 2 });
    expect(after.items.data[0]?.current_period_start).toBe(invoice?.created);
    expect(after.billing_cycle_anchor).toBe(invoice?.created);
    expect(invoice?.billing_reason).toBe("subscription_update");
    expect(invoice?.lines.data.map((l) => [l.amount, l.parent?.subscription_item_details?.proration])).toEqual([
      [-Math.round((5000 * (item.current_period_end - invoice!.created)) / (31 * 86_400)), true],
      [5000, false],
    ]);
    expect(events.map((e) => e.type)).toEqual(["customer.subscription.updated", "invoice.paid"]);
  });

  it("checks out a subscription with the session pointing at its invoice and subscription", () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const result = world.checkoutSubscription({ customer: world.customer(), items: [{ price: licensedPrice(world, { interval: "month" }) }] });

    expect(result.session).toMatchObject({ mode: "subscription", invoice: result.invoice.id, subscription: result.subscription.id, payment_intent: null });
    expect(result.events.map((e) => e.type)).toEqual(["customer.subscription.created", "invoice.paid", "checkout.session.completed"]);
  });

  it("refunds partially, then fully", () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const { charge } = world.checkout({ lines: [{ price: licensedPrice(world), quantity: 2 }] });

    const partial = ofType(world.refund(charge, 1000).events, "charge.refunded");
    const full = ofType(world.refund(charge).events, "charge.refunded");

    expect(partial.data.object).toMatchObject({ amount: 5000, amount_refunded: 1000, refunded: false });
    expect(partial.data.previous_attributes).toEqual({ amount_refunded: 0 });
    expect(full.data.object).toMatchObject({ amount_refunded: 5000, refunded: true });
    expect(full.data.previous_attributes).toEqual({ amount_refunded: 1000, refunded: false });
  });

  it("deletes a subscription scheduled to cancel at its period end, moving the clock there", () => {
    const world = new StripeWorld(fake.store, { name: "w1" });
    const { subscription } = world.subscribe({ customer: world.customer(), items: [{ price: licensedPrice(world, { interval: "month" }) }] });
    world.cancelAtPeriodEnd(subscription);

    const deleted = ofType(world.deleteSubscription(subscription).events, "customer.subscription.deleted");

    expect(deleted.data.object).toMatchObject({ status: "canceled", cancellation_details: { reason: "cancellation_requested" } });
    expect(deleted.data.object.ended_at).toBeGreaterThan(subscription.items.data[0]!.current_period_end);
    expect(deleted.data.previous_attributes).toBeUndefined();
    expect(() => world.renew(subscription)).toThrow(/canceled/);
  });
});
