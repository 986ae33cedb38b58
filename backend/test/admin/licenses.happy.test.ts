import { createApiKey } from "../../src/api-keys/api-key-store";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, type AdminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;
let keyId: string;
let world: StripeWorld;
let customerId: string;
let paymentIntentId: string;
let subscriptionId: string;

beforeAll(async () => {
  env = await startWebhookEnv("admin_licenses");
  const key = await createApiKey(env.backend.db, env.backend.accountId, "licenses");
  keyId = key.id;
  api = adminClient(env.backend.url, key.token);
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [
      { shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] },
      { shortCode: "HUB", authorizationMethod: "USER", policies: [{ code: "seats", isDefault: true, maxLicenseUsers: 2, assignCustomerAsUser: true }] },
    ],
  });
  world = new StripeWorld(env.fake.store, { name: "adminlic" });
  const customer = world.customer({ email: "Buyer@Example.com" });
  customerId = customer.id;
  const app = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  const hub = world.price({ product: world.product(), metadata: { short_code: "HUB" } });
  const purchase = world.checkout({ customer, lines: [{ price: app, quantity: 2 }, { price: hub, quantity: 1 }] });
  paymentIntentId = purchase.paymentIntent.id;
  const monthly = world.price({ product: world.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const sub = world.subscribe({ customer, items: [{ price: monthly, quantity: 1 }] });
  subscriptionId = sub.subscription.id;
  await deliverAll(env.backend, [...purchase.events, ...sub.events]);
});

afterAll(() => env?.close());

const licenseOf = async (product: string) => {
  const { body } = await api.get(`/admin/licenses?payment_intent=${paymentIntentId}`);
  return body.data.find((l: { product: string }) => l.product === product) as { id: string; key: string };
};

test("licenses are found by customer, payment intent, subscription and key; filters combine", async () => {
  const byCustomer = await api.get(`/admin/licenses?customer=${customerId}`);
  expect(byCustomer.status).toBe(200);
  expect(byCustomer.body.data).toHaveLength(4);
  expect(byCustomer.body.data[0]).toMatchObject({ customer: { stripeCustomerId: customerId }, status: "ACTIVE", licenseType: "perpetual" });

  const byPayment = await api.get(`/admin/licenses?payment_intent=${paymentIntentId}`);
  expect(byPayment.body.data.map((l: { product: string }) => l.product).sort()).toEqual(["APP", "APP", "HUB"]);

  const bySubscription = await api.get(`/admin/licenses?subscription=${subscriptionId}`);
  expect(bySubscription.body.data).toEqual([expect.objectContaining({ licenseType: "subscription", stripe: expect.objectContaining({ subscription: subscriptionId }) })]);

  const { key } = await licenseOf("HUB");
  const byKey = await api.get(`/admin/licenses?key=${key.toLowerCase()}`);
  expect(byKey.body.data.map((l: { key: string }) => l.key)).toEqual([key]);
  expect((await api.get(`/admin/licenses?key=${key}&subscription=${subscriptionId}`)).body.data).toEqual([]);
});

test("a license's detail has its spec, users and history, oldest first", async () => {
  const { id } = await licenseOf("HUB");
  const res = await api.get(`/admin/licenses/${id}`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    id,
    product: "HUB",
    policy: "seats",
    maxLicenseUsers: 2,
    spec: { authorizationMethod: "user", policyCode: "seats" },
    users: [{ email: "Buyer@Example.com", isManager: false }],
    activeActivations: 0,
  });
  expect(res.body.history.map((h: { type: string; causeType: string }) => [h.type, h.causeType])).toEqual([["CREATED", "STRIPE_EVENT"]]);
});

test("disable and enable by hand, with the reason and the API key in the history", async () => {
  const { id } = await licenseOf("APP");
  const disabled = await api.post(`/admin/licenses/${id}/disable`, { reason: "chargeback under review" });
  expect(disabled.status).toBe(200);
  expect(disabled.body).toMatchObject({ status: "DISABLED", manuallyDisabled: true, disabledReason: "chargeback under review" });
  expect(disabled.body.history.at(-1)).toMatchObject({ type: "DISABLED", causeType: "ADMIN_API", causeId: keyId, details: { reason: "chargeback under review", manual: true } });

  const enabled = await api.post(`/admin/licenses/${id}/enable`, { reason: "resolved" });
  expect(enabled.body).toMatchObject({ status: "ACTIVE", manuallyDisabled: false, disabledReason: null });
  expect(enabled.body.history.map((h: { type: string }) => h.type)).toEqual(["CREATED", "DISABLED", "ENABLED"]);
});

test("users: list, add up to the license's maximum, remove; every change is in the history", async () => {
  const { id } = await licenseOf("HUB");
  expect((await api.get(`/admin/licenses/${id}/users`)).body.data.map((u: { email: string }) => u.email)).toEqual(["Buyer@Example.com"]);

  const added = await api.post(`/admin/licenses/${id}/users`, { email: "Ada@Example.com", isManager: true });
  expect(added.status).toBe(201);
  expect(added.body).toMatchObject({ email: "ada@example.com", isManager: true });

  const full = await api.post(`/admin/licenses/${id}/users`, { email: "third@example.com" });
  expect(full.status).toBe(409);
  expect(full.body.error.message).toBe(`License ${id} has 2 of 2 users; remove one before adding another`);

  expect((await api.delete(`/admin/licenses/${id}/users/ADA@example.com`)).status).toBe(204);
  expect((await api.post(`/admin/licenses/${id}/users`, { email: "third@example.com" })).status).toBe(201);
  expect((await api.post(`/admin/licenses/${id}/users`, { email: "THIRD@example.com" })).status).toBe(409);

  const history = (await api.get(`/admin/licenses/${id}`)).body.history;
  expect(history.slice(1).map((h: { type: string; causeId: string }) => [h.type, h.causeId])).toEqual([
    ["USER_ADDED", keyId],
    ["USER_REMOVED", keyId],
    ["USER_ADDED", keyId],
  ]);
});

test("users are refused on a license-key license (409)", async () => {
  const { id } = await licenseOf("APP");
  const res = await api.post(`/admin/licenses/${id}/users`, { email: "x@example.com" });
  expect(res.status).toBe(409);
  expect(res.body.error.message).toBe(`License ${id} (APP) uses license keys; users are assigned only to licenses of user-authorized products`);
});

test("requests the license routes cannot act on", async () => {
  const { id } = await licenseOf("APP");
  expect((await api.get("/admin/licenses?cursor=not-a-cursor")).body.error.details).toEqual([{ path: "cursor", message: expect.any(String) }]);
  expect((await api.get("/admin/licenses?limit=1001")).status).toBe(400);
  expect((await api.post(`/admin/licenses/${id}/disable`, {})).body.error.details).toEqual([{ path: "body.reason", message: expect.any(String) }]);
  expect((await api.post(`/admin/licenses/${id}/disable`, { reason: "  " })).status).toBe(400);
  expect((await api.post(`/admin/licenses/${id}/users`, { email: "not-an-email" })).status).toBe(400);
  expect((await api.delete(`/admin/licenses/${id}/users/nobody@example.com`)).status).toBe(404);
});
