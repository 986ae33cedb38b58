import type Stripe from "stripe";
import { createApiKey } from "../../src/api-keys/api-key-store";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, type AdminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { licenseApiClient } from "../harness/license-api";
import { inboxRow, startWebhookEnv, withNewId, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;

beforeAll(async () => {
  env = await startWebhookEnv("entitlements");
  const key = await createApiKey(env.backend.db, env.backend.accountId, "entitlements");
  api = adminClient(env.backend.url, key.token);
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
});

afterAll(() => env?.close());

const FEATURES = Array.from({ length: 12 }, (_, i) => `feature_${String(i + 1).padStart(2, "0")}`);

/** A customer with a license bought by a one-off checkout. */
async function customerWithLicense(w: StripeWorld): Promise<{ customer: Stripe.Customer; licenseId: string }> {
  const customer = w.customer();
  const price = w.price({ product: w.product(), metadata: { short_code: "APP" } });
  await deliverAll(env.backend, w.checkout({ customer, lines: [{ price }] }).events);
  const { body } = await api.get(`/admin/licenses?customer=${customer.id}`);
  return { customer, licenseId: body.data[0].id };
}

const entitlementsListed = (customerId: string) =>
  env.fake.requests.filter((r) => r.path === "/v1/entitlements/active_entitlements" && r.query.customer === customerId).length;

test("a summary of 12 entitlements (10 inline, has_more) stores all 12, read from Stripe, on the customer's licenses", async () => {
  const w = new StripeWorld(env.fake.store, { name: "ent12" });
  const { customer, licenseId } = await customerWithLicense(w);

  const { events } = w.entitle(customer, FEATURES);
  const summary = (events[0] as Stripe.EntitlementsActiveEntitlementSummaryUpdatedEvent).data.object;
  expect(summary.entitlements.data).toHaveLength(10);
  expect(summary.entitlements.has_more).toBe(true);
  const [answer] = await deliverAll(env.backend, events);
  expect(answer).toMatchObject({ status: "PROCESSED", message: expect.stringContaining("12 feature(s)") });
  expect(entitlementsListed(customer.id)).toBe(1);

  const detail = await api.get(`/admin/licenses/${licenseId}`);
  expect(detail.status).toBe(200);
  expect(detail.body.stripeEntitlements).toEqual(FEATURES);
  const listed = await api.get(`/admin/licenses?customer=${customer.id}`);
  expect(listed.body.data[0].stripeEntitlements).toEqual(FEATURES);
});

test("the License API answers the customer's Stripe Entitlements among the license's features, and stops when they are gone", async () => {
  const w = new StripeWorld(env.fake.store, { name: "entapi" });
  const { customer, licenseId } = await customerWithLicense(w);
  const { key } = await env.backend.db.license.findUniqueOrThrow({ where: { id: licenseId } });
  const licenses = licenseApiClient(env.backend.url);
  expect((await licenses.validate({ key, features: ["sso"] })).body).toMatchObject({ valid: false, code: "FEATURE_MISSING" });

  await deliverAll(env.backend, w.entitle(customer, ["sso", "audit"]).events);
  const entitled = (await licenses.validate({ key, features: ["sso"] })).body;
  expect(entitled).toMatchObject({ valid: true, code: "VALID" });
  expect(entitled.entitlements.features).toEqual(expect.arrayContaining(["sso", "audit"]));

  await deliverAll(env.backend, w.entitle(customer, []).events);
  expect((await licenses.validate({ key, features: ["sso"] })).body).toMatchObject({ valid: false, code: "FEATURE_MISSING" });
});

test("a later summary replaces the features: removed ones are gone; an inline list asks Stripe nothing", async () => {
  const w = new StripeWorld(env.fake.store, { name: "entdrop" });
  const { customer, licenseId } = await customerWithLicense(w);
  await deliverAll(env.backend, w.entitle(customer, ["export", "sso", "audit"]).events);
  await deliverAll(env.backend, w.entitle(customer, ["export"]).events);
  expect((await api.get(`/admin/licenses/${licenseId}`)).body.stripeEntitlements).toEqual(["export"]);

  await deliverAll(env.backend, w.entitle(customer, []).events);
  expect((await api.get(`/admin/licenses/${licenseId}`)).body.stripeEntitlements).toEqual([]);
  expect(entitlementsListed(customer.id)).toBe(0);
});

test("an older summary delivered after a newer one changes nothing", async () => {
  const w = new StripeWorld(env.fake.store, { name: "entorder" });
  const { customer, licenseId } = await customerWithLicense(w);
  const older = w.entitle(customer, ["export", "sso"]).events;
  const newer = w.entitle(customer, ["export"]).events;

  const [first, late] = await deliverAll(env.backend, [...newer, ...older]);
  expect(first).toMatchObject({ status: "PROCESSED" });
  expect(late).toMatchObject({ status: "IGNORED", message: expect.stringContaining("older summary") });
  expect((await api.get(`/admin/licenses/${licenseId}`)).body.stripeEntitlements).toEqual(["export"]);
});

test("a redelivered summary is a duplicate; the same summary under a new id applies the same features again", async () => {
  const w = new StripeWorld(env.fake.store, { name: "entdup" });
  const { customer, licenseId } = await customerWithLicense(w);
  const [event] = w.entitle(customer, ["export"]).events;
  const [once, again, renamed] = await deliverAll(env.backend, [event!, event!, withNewId(event!, `${event!.id}_again`)]);
  expect(once).toMatchObject({ status: "PROCESSED" });
  expect(again).toMatchObject({ status: "DUPLICATE" });
  expect(renamed).toMatchObject({ status: "PROCESSED" });
  expect((await api.get(`/admin/licenses/${licenseId}`)).body.stripeEntitlements).toEqual(["export"]);
});

test("a customer Tessera has not met yet keeps its features for the licenses it buys later", async () => {
  const w = new StripeWorld(env.fake.store, { name: "entfirst" });
  const customer = w.customer();
  const [answer] = await deliverAll(env.backend, w.entitle(customer, ["export", "sso"]).events);
  expect(answer).toMatchObject({ status: "PROCESSED" });

  const price = w.price({ product: w.product(), metadata: { short_code: "APP" } });
  await deliverAll(env.backend, w.checkout({ customer, lines: [{ price }] }).events);
  const { body } = await api.get(`/admin/licenses?customer=${customer.id}`);
  expect(body.data.map((l: { stripeEntitlements: string[] }) => l.stripeEntitlements)).toEqual([["export", "sso"]]);
});

test("Stripe answering 404 for the full list fails the event with the reason; a 5xx is retried by Stripe", async () => {
  const w = new StripeWorld(env.fake.store, { name: "entfail" });
  const { customer, licenseId } = await customerWithLicense(w);
  const [event] = w.entitle(customer, FEATURES).events;

  env.fake.failNext(3, 503, { path: "/v1/entitlements/active_entitlements" });
  const transient = await env.backend.deliver(event!);
  expect(transient.status).toBeGreaterThanOrEqual(500);
  expect(await env.backend.db.webhookEvent.count({ where: { accountId: env.backend.accountId, stripeEventId: event!.id } })).toBe(0);

  env.fake.failNext(1, 404, { path: "/v1/entitlements/active_entitlements" });
  const missing = await env.backend.deliver(event!);
  expect(missing.status).toBe(200);
  expect(missing.body).toMatchObject({ status: "FAILED", errorCode: "STRIPE_OBJECT_MISSING" });
  expect(await inboxRow(env.backend.db, env.backend.accountId, event!.id)).toMatchObject({ status: "FAILED" });
  expect((await api.get(`/admin/licenses/${licenseId}`)).body.stripeEntitlements).toEqual([]);

  const replayed = await api.post(`/admin/events/${(await inboxRow(env.backend.db, env.backend.accountId, event!.id))!.id}/replay`);
  expect(replayed.status).toBe(200);
  expect((await api.get(`/admin/licenses/${licenseId}`)).body.stripeEntitlements).toEqual(FEATURES);
});
