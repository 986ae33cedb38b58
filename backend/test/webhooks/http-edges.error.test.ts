import http from "node:http";
import Stripe from "stripe";
import { signEvent } from "../fake-stripe/sign";
import { StripeWorld } from "../fake-stripe/world";
import { deliver, deliverAll, licensesOf, TEST_WEBHOOK_SECRET } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { eventually, inboxRow, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let w: StripeWorld;

beforeAll(async () => {
  env = await startWebhookEnv("http_edges");
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }],
  });
  w = new StripeWorld(env.fake.store, { name: "edges" });
});

afterAll(() => env?.close());

function purchase(world = w) {
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  return world.checkout({ customer: world.customer(), lines: [{ price, quantity: 1 }] });
}

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(`${env.backend.url}/webhooks/stripe`, { method: "POST", headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

async function nothingStored(event: Stripe.Event) {
  expect(await env.backend.db.webhookEvent.count({ where: { stripeEventId: event.id } })).toBe(0);
  expect(await env.backend.db.unroutedWebhookEvent.count({ where: { stripeEventId: event.id } })).toBe(0);
}

describe("signature", () => {
  test("a missing signature is refused with 400 and stored nowhere", async () => {
    const [event] = purchase().events;
    const answer = await post(JSON.stringify(event), { "content-type": "application/json" });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: "invalid_signature", message: "Missing Stripe-Signature header" } } });
    await nothingStored(event!);
  });

  test("a signature made with another secret is refused with 400", async () => {
    const [event] = purchase().events;
    const answer = await deliver(env.backend.url, event!, "whsec_someoneelse");
    expect(answer).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_signature", message: "No signature matches the body for any configured webhook secret" } },
    });
    await nothingStored(event!);
  });

  test("a body changed after signing is refused with 400", async () => {
    const [event] = purchase().events;
    const signed = signEvent(event!, TEST_WEBHOOK_SECRET);
    const answer = await post(signed.body.replace('"livemode": false', '"livemode": true'), signed.headers);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe("No signature matches the body for any configured webhook secret");
    await nothingStored(event!);
  });

  test("a signature older than the 300 s tolerance is refused as stale", async () => {
    const [event] = purchase().events;
    const signed = signEvent(event!, TEST_WEBHOOK_SECRET, { timestamp: Math.floor(Date.now() / 1000) - 301 - 60 });
    const answer = await post(signed.body, signed.headers);
    expect(answer).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_signature", message: "Stale signature: its timestamp is more than 300 s old" } },
    });
    await nothingStored(event!);
  });

  test("a signed body that is not JSON, or not an event, is refused with 400 saying which", async () => {
    const text = "license please";
    const notJson = await post(text, {
      "content-type": "application/json",
      "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: text, secret: TEST_WEBHOOK_SECRET }),
    });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: "invalid_signature", message: "The body is not JSON" } } });

    const notEvent = signEvent({ id: "evt_edges_notevent", object: "charge" }, TEST_WEBHOOK_SECRET);
    const answer = await post(notEvent.body, notEvent.headers);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("invalid_request");
    expect(answer.body.error.message).toMatch(/^Not a Stripe event: /);
    expect(await env.backend.db.webhookEvent.count({ where: { stripeEventId: "evt_edges_notevent" } })).toBe(0);
  });
});

/**
 * POST on a connection of its own: the server answers 413 before reading the body and then drops the
 * connection, which a pooled client would otherwise reuse for the next test's request.
 */
function postOnce(body: string, headers: Record<string, string>, opts: { chunked?: boolean } = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${env.backend.url}/webhooks/stripe`, { method: "POST", headers, agent: false }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    // The server may close while the rest of the body is still being written.
    req.on("error", (err) => (/EPIPE|ECONNRESET/.test(String(err)) ? undefined : reject(err)));
    if (opts.chunked) {
      // Written in two parts without a Content-Length, the body goes out chunked.
      req.write(body.slice(0, 1000));
      req.end(body.slice(1000));
    } else {
      req.end(body);
    }
  });
}

test("a body over 1 MiB is refused with 413 before anything else", async () => {
  const [event] = purchase().events;
  const signed = signEvent({ ...event!, padding: "x".repeat(1024 * 1024) }, TEST_WEBHOOK_SECRET);
  const answer = await postOnce(signed.body, signed.headers);
  expect(answer).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
  await nothingStored(event!);
});

test("a chunked body, which declares no length, is refused with 413 once it passes 1 MiB", async () => {
  const [event] = purchase().events;
  const signed = signEvent({ ...event!, padding: "x".repeat(1024 * 1024) }, TEST_WEBHOOK_SECRET);
  const answer = await postOnce(signed.body, signed.headers, { chunked: true });
  expect(answer).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
  await nothingStored(event!);
});

test("an event type Tessera does not handle is answered 200 and recorded as ignored", async () => {
  const event = w.event("customer.created", w.customer());
  const [answer] = await deliverAll(env.backend, [event]);
  expect(answer).toMatchObject({ status: "IGNORED", message: "Tessera does not act on customer.created events" });
  const row = await inboxRow(env.backend.db, env.backend.accountId, event.id);
  expect(row).toMatchObject({ status: "IGNORED", type: "customer.created" });
  expect((await deliverAll(env.backend, [event]))[0].status).toBe("DUPLICATE");
});

test("the same event delivered again is answered DUPLICATE and changes nothing", async () => {
  const result = purchase();
  const [first] = await deliverAll(env.backend, result.events);
  expect(first.status).toBe("PROCESSED");
  const where = { stripeCheckoutSessionId: result.session.id };
  const before = await licensesOf(env.backend.db, env.backend.accountId, where);
  const inboxBefore = await inboxRow(env.backend.db, env.backend.accountId, result.events[0]!.id);

  const [second] = await deliverAll(env.backend, result.events);
  expect(second.status).toBe("DUPLICATE");
  expect(await licensesOf(env.backend.db, env.backend.accountId, where)).toEqual(before);
  expect(await inboxRow(env.backend.db, env.backend.accountId, result.events[0]!.id)).toEqual(inboxBefore);
});

test("an event of an unknown connected account is answered 200 UNROUTED and kept for the operator", async () => {
  const stranger = new StripeWorld(env.fake.store, { name: "stranger", account: "acct_unknown" });
  const result = purchase(stranger);
  const [answer] = await deliverAll(env.backend, result.events);
  expect(answer.status).toBe("UNROUTED");
  const row = await env.backend.db.unroutedWebhookEvent.findFirstOrThrow({ where: { stripeEventId: result.events[0]!.id } });
  expect(row).toMatchObject({ stripeAccount: "acct_unknown", type: "checkout.session.completed", reason: "No connected account acct_unknown in test mode" });
  expect(await env.backend.db.webhookEvent.count({ where: { stripeEventId: result.events[0]!.id } })).toBe(0);
  expect(await env.backend.db.license.count({ where: { stripeCheckoutSessionId: result.session.id } })).toBe(0);
  expect(env.fake.requests.some((r) => r.stripeAccount === "acct_unknown")).toBe(false);
});

test("a live-mode event without an own live account is answered 200 UNROUTED", async () => {
  const [event] = purchase().events;
  const live = { ...event!, id: "evt_edges_live", livemode: true };
  const [answer] = await deliverAll(env.backend, [live]);
  expect(answer.status).toBe("UNROUTED");
  const row = await env.backend.db.unroutedWebhookEvent.findFirstOrThrow({ where: { stripeEventId: live.id } });
  expect(row.stripeAccount).toBe("platform:live");
  expect(await env.backend.db.webhookEvent.count({ where: { stripeEventId: live.id } })).toBe(0);
});

describe("connected account", () => {
  let vendorId: string;
  let vendor: StripeWorld;

  beforeAll(async () => {
    const account = await env.backend.db.account.create({
      data: { kind: "CONNECTED", stripeAccountId: "acct_vendor", livemode: false, displayName: "Vendor" },
    });
    vendorId = account.id;
    await seedCatalog(env.backend.db, vendorId, {
      products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 8 }] }],
    });
    vendor = new StripeWorld(env.fake.store, { name: "vendor", account: "acct_vendor" });
  });

  test("its events make licenses in its own account, from its own catalog, read with its Stripe-Account header", async () => {
    const result = purchase(vendor);
    const [answer] = await deliverAll(env.backend, result.events);
    expect(answer.status).toBe("PROCESSED");

    const licenses = await licensesOf(env.backend.db, vendorId, { stripeCheckoutSessionId: result.session.id });
    expect(licenses).toHaveLength(1);
    expect(licenses[0]!.maxActivations).toBe(8);
    expect(await env.backend.db.license.count({ where: { accountId: env.backend.accountId, stripeCheckoutSessionId: result.session.id } })).toBe(0);
    expect((await inboxRow(env.backend.db, vendorId, result.events[0]!.id)).status).toBe("PROCESSED");

    const reads = env.fake.requests.filter((r) => r.path.includes(result.session.id) || r.path.includes("price_vendor_"));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const r of reads) expect(r.stripeAccount).toBe("acct_vendor");

    const keys = await eventually(
      () => vendor.scope.get("payment_intent", result.paymentIntent.id)?.metadata.license_keys,
      "license_keys on the vendor's payment intent",
    );
    expect(keys).toBe(licenses[0]!.key);
  });

  test("after the vendor deauthorizes the app, its account is disconnected and its events are only recorded", async () => {
    const pending = purchase(vendor);
    const deauthorized = vendor.deauthorize();
    const [answer] = await deliverAll(env.backend, deauthorized.events);
    expect(answer.status).toBe("PROCESSED");
    const account = await env.backend.db.account.findUniqueOrThrow({ where: { id: vendorId } });
    expect(account.status).toBe("DISCONNECTED");
    expect(account.disconnectedAt).toEqual(new Date(deauthorized.events[0]!.created * 1000));

    const [late] = await deliverAll(env.backend, pending.events);
    expect(late).toMatchObject({ status: "IGNORED", message: "The account is disconnected; event recorded, not processed" });
    expect((await inboxRow(env.backend.db, vendorId, pending.events[0]!.id)).status).toBe("IGNORED");
    expect(await env.backend.db.license.count({ where: { stripeCheckoutSessionId: pending.session.id } })).toBe(0);
    // Licenses sold before the uninstall are kept.
    expect(await env.backend.db.license.count({ where: { accountId: vendorId } })).toBe(1);
  });
});

test("when Stripe keeps failing the event is answered 500 with nothing stored, and Stripe's redelivery succeeds", async () => {
  const result = purchase();
  const lineItems = `/v1/checkout/sessions/${result.session.id}/line_items`;
  // The SDK tries 3 times (maxNetworkRetries 2): fail them all.
  env.fake.failNext(3, 500, { path: lineItems });
  const failed = await deliver(env.backend.url, result.events[0]!);
  expect(failed.status).toBe(500);
  expect(failed.body.error.code).toBe("internal_error");
  expect(env.fake.requests.filter((r) => r.path === lineItems).map((r) => r.status)).toEqual([500, 500, 500]);
  await nothingStored(result.events[0]!);
  expect(await env.backend.db.license.count({ where: { stripeCheckoutSessionId: result.session.id } })).toBe(0);

  const [retried] = await deliverAll(env.backend, result.events);
  expect(retried.status).toBe("PROCESSED");
  expect(await env.backend.db.license.count({ where: { stripeCheckoutSessionId: result.session.id } })).toBe(1);
});
