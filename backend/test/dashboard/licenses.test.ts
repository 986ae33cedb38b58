import { StripeWorld } from "../fake-stripe/world";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { dashboardClient, TEST_APP_SECRET, type DashboardClient } from "../harness/dashboard";
import { licenseApiClient } from "../harness/license-api";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let app: DashboardClient;
let world: StripeWorld;
let subscriptionId: string;
let paymentIntentId: string;
let customerId: string;
const USER = "usr_dashboarduser";

beforeAll(async () => {
  env = await startWebhookEnv("dashboard_licenses", { env: { STRIPE_APP_SECRET: TEST_APP_SECRET } });
  app = dashboardClient(env.backend.url, { user_id: USER, account_id: "acct_fakeplatform", mode: "test" });
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 3 }] }] });
  world = new StripeWorld(env.fake.store, { name: "dashlic" });
  const customer = world.customer({ email: "ann@example.com" });
  customerId = customer.id;
  const monthly = world.price({ product: world.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const once = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  const sub = world.subscribe({ customer, items: [{ price: monthly, quantity: 3 }] });
  subscriptionId = sub.subscription.id;
  const purchase = world.checkout({ customer, lines: [{ price: once, quantity: 1 }] });
  paymentIntentId = purchase.paymentIntent.id;
  await deliverAll(env.backend, [...sub.events, ...purchase.events]);
});

afterAll(() => env?.close());

test("the operator's own account is found by its Stripe id (asked of Stripe once) and reads as connected", async () => {
  const res = await app.get("/dashboard/connection");
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: "CONNECTED", account: { id: env.backend.accountId, stripeAccountId: "acct_fakeplatform", livemode: false } });
  expect(res.body.connectUrl).toBe(`${env.backend.url}/connect`);
  const asked = env.fake.requests.filter((r) => r.path === "/v1/account").length;
  await app.get("/dashboard/connection");
  expect(env.fake.requests.filter((r) => r.path === "/v1/account").length).toBe(asked);
});

test("a subscription's, a payment's and a customer's licenses, with key, product, status and activations", async () => {
  const bySub = await app.get("/dashboard/licenses", { subscription: subscriptionId });
  expect(bySub.status).toBe(200);
  expect(bySub.body.data).toHaveLength(3);
  expect(bySub.body.data[0]).toMatchObject({ product: "APP", status: "ACTIVE", maxActivations: 3, activationsUsed: 0, licenseType: "subscription" });
  expect(bySub.body.related).toEqual({ failed: [], ignored: [] });

  expect((await app.get("/dashboard/licenses", { payment_intent: paymentIntentId })).body.data).toHaveLength(1);
  const byCustomer = await app.get("/dashboard/licenses", { customer: customerId, limit: 2 });
  expect(byCustomer.body.data).toHaveLength(2);
  const rest = await app.get("/dashboard/licenses", { customer: customerId, limit: 2, cursor: byCustomer.body.nextCursor });
  expect(rest.body.data).toHaveLength(2);
  expect(rest.body.nextCursor).toBeNull();
});

test("disable with a reason and enable from the dashboard: the user is in the license's history", async () => {
  const [license] = (await app.get("/dashboard/licenses", { subscription: subscriptionId })).body.data;
  const disabled = await app.post(`/dashboard/licenses/${license.id}/disable`, { reason: "Chargeback opened" });
  expect(disabled.status).toBe(200);
  expect(disabled.body).toMatchObject({ status: "DISABLED", manuallyDisabled: true });
  expect(disabled.body.history.at(-1)).toMatchObject({ type: "DISABLED", causeType: "DASHBOARD_USER", causeId: USER, details: { reason: "Chargeback opened" } });

  const enabled = await app.post(`/dashboard/licenses/${license.id}/enable`);
  expect(enabled.body).toMatchObject({ status: "ACTIVE", manuallyDisabled: false });
  expect(enabled.body.history.at(-1)).toMatchObject({ type: "ENABLED", causeType: "DASHBOARD_USER", causeId: USER });

  const detail = await app.get(`/dashboard/licenses/${license.id}`);
  expect(detail.body).toMatchObject({ id: license.id, features: [], activations: [], users: [] });
  expect(detail.body.history.map((h: { type: string }) => h.type)).toEqual(["CREATED", "DISABLED", "ENABLED"]);
});

test("a machine activated by the software is shown with its name and platform, and freed from the dashboard", async () => {
  const [license] = (await app.get("/dashboard/licenses", { payment_intent: paymentIntentId })).body.data;
  const software = licenseApiClient(env.backend.url);
  expect((await software.activate({ key: license.key, fingerprint: "lost-laptop", name: "Ann's laptop", platform: "windows-x64" })).body.code).toBe("VALID");
  const detail = await app.get(`/dashboard/licenses/${license.id}`);
  expect(detail.body.activations).toEqual([expect.objectContaining({ fingerprint: "lost-laptop", name: "Ann's laptop", platform: "windows-x64" })]);

  const freed = await app.post(`/dashboard/licenses/${license.id}/activations/${detail.body.activations[0].id}/deactivate`);
  expect(freed.status).toBe(200);
  expect(freed.body).toMatchObject({ activeActivations: 0, activations: [] });
  expect(freed.body.history.at(-1)).toMatchObject({ type: "MACHINE_DEACTIVATED", causeType: "DASHBOARD_USER", causeId: USER });
  expect((await software.validate({ key: license.key, fingerprint: "lost-laptop" })).body.code).toBe("NOT_ACTIVATED");
  expect((await app.post(`/dashboard/licenses/${license.id}/activations/${detail.body.activations[0].id}/deactivate`)).status).toBe(404);
});

test("an object without licenses says why: the events about it that failed or made none", async () => {
  const unknown = world.price({ product: world.product(), metadata: { short_code: "NOPE" } });
  const plain = world.price({ product: world.product() });
  const failing = world.checkout({ customer: world.customer(), lines: [{ price: unknown, quantity: 1 }] });
  const tshirt = world.checkout({ customer: world.customer(), lines: [{ price: plain, quantity: 1 }] });
  await deliverAll(env.backend, [...failing.events, ...tshirt.events]);

  const failed = await app.get("/dashboard/licenses", { payment_intent: failing.paymentIntent.id });
  expect(failed.body.data).toEqual([]);
  expect(failed.body.related.failed).toEqual([expect.objectContaining({ type: "checkout.session.completed", status: "FAILED", errorCode: "UNKNOWN_PRODUCT" })]);

  const ignored = await app.get("/dashboard/licenses", { payment_intent: tshirt.paymentIntent.id });
  expect(ignored.body.related.ignored).toEqual([expect.objectContaining({ type: "checkout.session.completed", status: "IGNORED" })]);
});

test("account-wide listing with filters and the summary", async () => {
  const all = await app.get("/dashboard/licenses", { status: "ACTIVE", product: "APP", email: "ANN@example.com" });
  expect(all.body.data).toHaveLength(4);
  const summary = await app.get("/dashboard/summary");
  expect(summary.body.licenses).toEqual({ active: 4, disabled: 0 });
  expect(summary.body.failedEvents.count).toBeGreaterThanOrEqual(1);
});

test("the Dashboard's preflight is answered for any origin without a signature", async () => {
  const res = await fetch(`${env.backend.url}/dashboard/licenses`, {
    method: "OPTIONS",
    headers: { Origin: "null", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "stripe-signature" },
  });
  expect(res.status).toBe(204);
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("stripe-signature");
});
