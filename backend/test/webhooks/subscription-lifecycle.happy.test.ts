import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf, startBackend, type BackendUnderTest } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";
import { catalog, paidSubscription } from "../scenarios/subscription-lifecycle";

jest.setTimeout(60_000);

let fake: FakeStripe;
let database: TestDatabase;
let backend: BackendUnderTest;

beforeAll(async () => {
  fake = await startFakeStripe();
  database = await createTestDatabase("sub_lifecycle");
  backend = await startBackend({ databaseUrl: database.url, stripeApiUrl: fake.url });
  await seedCatalog(backend.db, backend.accountId, catalog);
});

afterAll(async () => {
  await backend?.close();
  await fake?.close();
  await database?.drop();
});

test("a paid subscription creates one license per unit, valid to the period end", async () => {
  const { subscription, events } = paidSubscription(new StripeWorld(fake.store, { name: "w1" })).start();
  const answers = await deliverAll(backend, events);
  expect(answers.map((a) => a.status)).toEqual(["PROCESSED", "PROCESSED"]);

  const licenses = await licensesOf(backend.db, backend.accountId, { stripeSubscriptionId: subscription.id });
  expect(licenses).toHaveLength(2);
  const periodEnd = subscription.items.data[0]!.current_period_end;
  for (const l of licenses) {
    expect(l.status).toBe("ACTIVE");
    expect(l.licenseType).toBe("SUBSCRIPTION");
    expect(l.maxActivations).toBe(3);
    expect(l.expiresAt?.getTime()).toBe(periodEnd * 1000);
    expect(l.key).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(l.history.map((h) => h.type)).toEqual(["CREATED"]);
  }
});
