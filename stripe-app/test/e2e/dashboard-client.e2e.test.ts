import { getMockContextProps } from "@stripe/ui-extension-sdk/testing";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import Stripe from "stripe";
import { startBackend, deliverAll, licensesOf, type BackendUnderTest } from "../../../backend/test/harness/backend";
import { seedCatalog } from "../../../backend/test/harness/catalog-seed";
import { createTestDatabase, type TestDatabase } from "../../../backend/test/harness/postgres";
import { startFakeStripe, type FakeStripe } from "../../../backend/test/fake-stripe/server";
import { StripeWorld } from "../../../backend/test/fake-stripe/world";
import { createDashboardClient } from "../../src/api";

// The app's client against the real backend over HTTP, signed as the Dashboard signs.
jest.setTimeout(60_000);

const APP_SECRET = "absec_tesseraapptest";
const USER_ID = "usr_e2e_support";

let fake: FakeStripe;
let database: TestDatabase;
let backend: BackendUnderTest;
let accountId: string;

beforeAll(async () => {
  fake = await startFakeStripe();
  database = await createTestDatabase("app_e2e");
  backend = await startBackend({ databaseUrl: database.url, stripeApiUrl: fake.url, env: { STRIPE_APP_SECRET: APP_SECRET } });
  // The Dashboard names the account by its Stripe id: the backend's own account is the fake platform's.
  accountId = fake.store.platform.account.id;
  await backend.db.account.update({ where: { id: backend.accountId }, data: { stripeAccountId: accountId } });
  await seedCatalog(backend.db, backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }] });
});

afterAll(async () => {
  await backend?.close();
  await fake?.close();
  await database?.drop();
});

/** What Stripe's fetchStripeSignature returns: the app secret's signature over `{"user_id":…,"account_id":…}`. */
function signAs(userId: string, account: string) {
  jest.mocked(fetchStripeSignature).mockImplementation(async () =>
    Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify({ user_id: userId, account_id: account }), secret: APP_SECRET }),
  );
}

test("the app disables a license with a reason: the backend records it as the Dashboard user's doing", async () => {
  // Today, so the paid period runs now and the license validates.
  const w = new StripeWorld(fake.store, { name: "appe2e", start: Math.floor(Date.now() / 1000) });
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const { subscription, events } = w.subscribe({ customer: w.customer(), items: [{ price, quantity: 1 }] });
  await deliverAll(backend, events);
  const [made] = await licensesOf(backend.db, backend.accountId, { stripeSubscriptionId: subscription.id });

  signAs(USER_ID, accountId);
  const client = createDashboardClient(
    getMockContextProps({ userContext: { id: USER_ID, account: { id: accountId } }, environment: { mode: "test", constants: { BACKEND_URL: backend.url } } }),
  );
  const page = await client.licenses({ subscription: subscription.id });
  expect(page.data.map((l) => l.id)).toEqual([made!.id]);
  expect(await validate(made!.key)).toMatchObject({ valid: true, code: "VALID" });

  const answered = await client.disableLicense(made!.id, "key leaked");
  expect(answered).toMatchObject({ id: made!.id, status: "DISABLED", manuallyDisabled: true, disabledReason: "key leaked" });

  const [stored] = await licensesOf(backend.db, backend.accountId, { id: made!.id });
  expect(stored).toMatchObject({ status: "DISABLED", manuallyDisabled: true, disabledReason: "key leaked" });
  expect(stored!.history.filter((h) => h.causeType === "DASHBOARD_USER").map((h) => [h.type, h.causeId])).toEqual([["DISABLED", USER_ID]]);
  // The vendor's software sees it at once.
  expect(await validate(made!.key)).toMatchObject({ valid: false, code: "DISABLED", detail: "The license is disabled: key leaked" });
});

/** What the vendor's software asks the License API. */
async function validate(key: string) {
  const res = await fetch(`${backend.url}/v1/licenses/validate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key }) });
  expect(res.status).toBe(200);
  expect(res.headers.get("tessera-signature")).toMatch(/^keyid="ed25519_/);
  return res.json();
}

test("a signature made with another secret is refused as unauthorized", async () => {
  jest.mocked(fetchStripeSignature).mockImplementation(async () =>
    Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify({ user_id: USER_ID, account_id: accountId }), secret: "absec_someoneelse" }),
  );
  const client = createDashboardClient(
    getMockContextProps({ userContext: { id: USER_ID, account: { id: accountId } }, environment: { mode: "test", constants: { BACKEND_URL: backend.url } } }),
  );
  await expect(client.summary()).rejects.toMatchObject({ kind: "unauthorized", status: 401 });
});

test("the app registers an outbound endpoint, sees its deliveries and resends one; the backend's answers parse as the shared DTOs", async () => {
  signAs(USER_ID, accountId);
  const client = createDashboardClient(
    getMockContextProps({ userContext: { id: USER_ID, account: { id: accountId } }, environment: { mode: "test", constants: { BACKEND_URL: backend.url } } }),
  );
  const created = await client.createWebhookEndpoint({ url: "https://example.com/app-hook", description: "CRM", eventTypes: ["license.created"] });
  expect(created).toMatchObject({ url: "https://example.com/app-hook", enabled: true, eventTypes: ["license.created"], secret: expect.stringMatching(/^whsec_/) });
  expect((await client.webhookEndpoints()).data).toEqual([expect.objectContaining({ id: created.id, description: "CRM" })]);

  const w = new StripeWorld(fake.store, { name: "appe2ehooks" });
  const price = w.price({ product: w.product(), metadata: { short_code: "APP" } });
  await deliverAll(backend, w.checkout({ customer: w.customer(), lines: [{ price, quantity: 1 }] }).events);
  const page = await client.deliveries(created.id);
  expect(page.data).toEqual([expect.objectContaining({ endpointId: created.id, eventType: "license.created" })]);
  expect(await client.resendDelivery(page.data[0]!.id)).toMatchObject({ id: page.data[0]!.id, status: "PENDING" });

  expect(await client.updateWebhookEndpoint(created.id, { enabled: false })).toMatchObject({ id: created.id, enabled: false });
});
