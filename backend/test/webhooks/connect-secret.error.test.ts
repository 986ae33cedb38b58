import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { StripeWorld } from "../fake-stripe/world";
import { deliver, startBackend, type BackendUnderTest } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";

jest.setTimeout(60_000);

// Events of connected accounts come from a Connect endpoint, signed with that endpoint's own secret.
const CONNECT_SECRET = "whsec_connectendpointsecret";

let fake: FakeStripe;
let database: TestDatabase;
const started: BackendUnderTest[] = [];

beforeAll(async () => {
  fake = await startFakeStripe();
  database = await createTestDatabase("connect_secret");
});

afterAll(async () => {
  for (const b of started) await b.close();
  await fake?.close();
  await database?.drop();
});

async function backendWith(env: Record<string, string>) {
  const backend = await startBackend({ databaseUrl: database.url, stripeApiUrl: fake.url, env });
  started.push(backend);
  return backend;
}

test("a Connect event signed with STRIPE_CONNECT_WEBHOOK_SECRET is accepted; without that variable the same delivery is refused 400", async () => {
  const withConnect = await backendWith({ STRIPE_CONNECT_WEBHOOK_SECRET: CONNECT_SECRET });
  const account = await withConnect.db.account.create({ data: { kind: "CONNECTED", stripeAccountId: "acct_connectsecret", livemode: false } });
  await seedCatalog(withConnect.db, account.id, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
  const vendor = new StripeWorld(fake.store, { name: "connectsecret", account: "acct_connectsecret" });
  const price = vendor.price({ product: vendor.product(), metadata: { short_code: "APP" } });
  const [first] = vendor.checkout({ customer: vendor.customer(), lines: [{ price, quantity: 1 }] }).events;
  const [second] = vendor.checkout({ customer: vendor.customer(), lines: [{ price, quantity: 1 }] }).events;

  const accepted = await deliver(withConnect.url, first!, CONNECT_SECRET);
  expect({ status: accepted.status, answer: accepted.body.status }).toEqual({ status: 200, answer: "PROCESSED" });
  expect(await withConnect.db.license.count({ where: { accountId: account.id } })).toBe(1);

  const withoutConnect = await backendWith({});
  const refused = await deliver(withoutConnect.url, second!, CONNECT_SECRET);
  expect(refused).toMatchObject({
    status: 400,
    body: { error: { code: "invalid_signature", message: "No signature matches the body for any configured webhook secret" } },
  });
  expect(await withConnect.db.webhookEvent.count({ where: { stripeEventId: second!.id } })).toBe(0);
});
