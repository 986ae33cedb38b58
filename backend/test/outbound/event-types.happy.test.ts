import { createApiKey } from "../../src/api-keys/api-key-store";
import type { CauseType } from "../../src/licensing/cause";
import type { HistoryType } from "../../src/licensing/history";
import { REFUND_REASON } from "../../src/licensing/rules/refund";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, type AdminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { eventually, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { startReceiver, type Receiver } from "../harness/webhook-receiver";

jest.setTimeout(60_000);

// What each line of license history sends, if anything (migration outbound_webhooks, tessera_outbound_type).
// Keyed by every history type, so a new type cannot go unmapped unnoticed.
const MAPPING = {
  CREATED: [["STRIPE_EVENT", {}, "license.created"]],
  ENABLED: [["DASHBOARD_USER", { manual: true }, "license.enabled"], ["STRIPE_EVENT", {}, "license.enabled"]],
  DISABLED: [
    ["STRIPE_EVENT", { reason: REFUND_REASON }, "license.refunded"],
    ["STRIPE_EVENT", { reason: "subscription canceled" }, "license.disabled"],
    ["ADMIN_API", { reason: "chargeback", manual: true }, "license.disabled"],
    ["SYSTEM", { reason: "unpaid" }, "license.disabled"],
  ],
  EXPIRY_CHANGED: [["STRIPE_EVENT", {}, "license.renewed"], ["ADMIN_API", {}, null]],
  GRACE_CHANGED: [["STRIPE_EVENT", {}, null]],
  SPEC_CHANGED: [["STRIPE_EVENT", {}, null]],
  CONSUMPTION_RESET: [["STRIPE_EVENT", {}, null]],
  INVOICE_LINKED: [["STRIPE_EVENT", {}, null]],
  PARTIAL_REFUND: [["STRIPE_EVENT", {}, null]],
  AUTO_ENABLE_SKIPPED: [["STRIPE_EVENT", {}, null]],
  USER_ADDED: [["ADMIN_API", {}, null]],
  USER_REMOVED: [["ADMIN_API", {}, null]],
  MACHINE_ACTIVATED: [["LICENSE_API", {}, null]],
  MACHINE_DEACTIVATED: [["LICENSE_API", {}, null], ["DASHBOARD_USER", {}, null]],
  UNITS_CONSUMED: [["LICENSE_API", {}, null]],
} satisfies Record<HistoryType, [CauseType, Record<string, unknown>, string | null][]>;

let env: WebhookEnv;
let api: AdminClient;
let receiver: Receiver;
let world: StripeWorld;

beforeAll(async () => {
  env = await startWebhookEnv("outbound_event_types", { env: { WEBHOOK_ALLOW_PRIVATE_URLS: "true", WEBHOOK_DELIVERY_INTERVAL_MS: "100" } });
  api = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "types")).token);
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
  receiver = await startReceiver();
  world = new StripeWorld(env.fake.store, { name: "outtypes" });
  expect((await api.post("/admin/webhook-endpoints", { url: `${receiver.url}/all` })).status).toBe(201);
});

afterAll(async () => {
  await env?.close();
  await receiver?.close();
});

test.each(Object.entries(MAPPING).flatMap(([type, cases]) => cases.map((c) => [type, ...c] as const)))(
  "history %s caused by %s with details %j sends %s",
  async (type, cause, details, outbound) => {
    const rows = await env.backend.db.$queryRaw<{ outbound: string | null }[]>`
      SELECT tessera_outbound_type(${type}, ${cause}::"CauseType", ${JSON.stringify(details)}::jsonb) AS outbound`;
    expect(rows[0]!.outbound).toBe(outbound);
  },
);

/** The messages about one license that reached the endpoint so far, in order: [type, status]. */
const messagesAbout = (licenseId: string) =>
  receiver
    .at("/all")
    .map((r) => JSON.parse(r.body))
    .filter((m) => m.data.license.id === licenseId)
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
    .map((m) => [m.type, m.data.license.status, m.data.cause.type]);

const waitFor = (licenseId: string, count: number) =>
  eventually(() => {
    const messages = messagesAbout(licenseId);
    return messages.length >= count ? messages : undefined;
  }, `${count} messages about license ${licenseId}`);

test("a subscription's license: created, renewed, refunded, enabled and disabled by hand", async () => {
  const price = world.price({ product: world.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const sub = world.subscribe({ customer: world.customer(), items: [{ price, quantity: 1 }] });
  await deliverAll(env.backend, sub.events);
  const license = await env.backend.db.license.findFirstOrThrow({ where: { stripeSubscriptionId: sub.subscription.id } });
  await waitFor(license.id, 1);

  const renewal = world.renew(sub.subscription.id);
  await deliverAll(env.backend, renewal.events);
  await waitFor(license.id, 2);

  await deliverAll(env.backend, world.refund(sub.charge!.id).events);
  await waitFor(license.id, 3);

  expect((await api.post(`/admin/licenses/${license.id}/enable`, { reason: "refund reversed" })).status).toBe(200);
  await waitFor(license.id, 4);

  expect((await api.post(`/admin/licenses/${license.id}/disable`, { reason: "abuse" })).status).toBe(200);
  expect(await waitFor(license.id, 5)).toEqual([
    ["license.created", "ACTIVE", "STRIPE_EVENT"],
    ["license.renewed", "ACTIVE", "STRIPE_EVENT"],
    ["license.refunded", "DISABLED", "STRIPE_EVENT"],
    ["license.enabled", "ACTIVE", "ADMIN_API"],
    ["license.disabled", "DISABLED", "ADMIN_API"],
  ]);
  const renewed = receiver.at("/all").map((r) => JSON.parse(r.body)).find((m) => m.type === "license.renewed" && m.data.license.id === license.id);
  expect(renewed.data.license.expiresAt).toBe((await env.backend.db.license.findUniqueOrThrow({ where: { id: license.id } })).expiresAt!.toISOString());
});

test("a subscription that ends: created, then disabled", async () => {
  const price = world.price({ product: world.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const sub = world.subscribe({ customer: world.customer(), items: [{ price, quantity: 1 }] });
  await deliverAll(env.backend, sub.events);
  const license = await env.backend.db.license.findFirstOrThrow({ where: { stripeSubscriptionId: sub.subscription.id } });
  await deliverAll(env.backend, world.deleteSubscription(sub.subscription.id).events);
  expect(await waitFor(license.id, 2)).toEqual([
    ["license.created", "ACTIVE", "STRIPE_EVENT"],
    ["license.disabled", "DISABLED", "STRIPE_EVENT"],
  ]);
});

test("a one-off purchase refunded in full: created, then refunded; a partial refund sends nothing", async () => {
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  const purchase = world.checkout({ customer: world.customer(), lines: [{ price, quantity: 1 }] });
  await deliverAll(env.backend, purchase.events);
  const license = await env.backend.db.license.findFirstOrThrow({ where: { stripePaymentIntentId: purchase.paymentIntent.id } });
  await waitFor(license.id, 1);
  const charge = purchase.charge!;
  await deliverAll(env.backend, world.refund(charge.id, Math.floor(charge.amount / 2)).events);
  await deliverAll(env.backend, world.refund(charge.id).events);
  expect(await waitFor(license.id, 2)).toEqual([
    ["license.created", "ACTIVE", "STRIPE_EVENT"],
    ["license.refunded", "DISABLED", "STRIPE_EVENT"],
  ]);
});

test("a license created disabled (refunded before it was made) sends one created message with status DISABLED", async () => {
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  const purchase = world.checkout({ customer: world.customer(), lines: [{ price, quantity: 1 }] });
  const refund = world.refund(purchase.charge!.id);
  await deliverAll(env.backend, [...refund.events, ...purchase.events]);
  const license = await env.backend.db.license.findFirstOrThrow({ where: { stripePaymentIntentId: purchase.paymentIntent.id } });
  await waitFor(license.id, 1);
  await new Promise((r) => setTimeout(r, 300));
  expect(messagesAbout(license.id)).toEqual([["license.created", "DISABLED", "STRIPE_EVENT"]]);
});
