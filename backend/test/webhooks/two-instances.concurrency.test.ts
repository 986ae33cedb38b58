import type Stripe from "stripe";
import { closeDb, createDb, type Db } from "../../src/db/client";
import type { FakeStore } from "../fake-stripe/store";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, startBackend, type BackendUnderTest } from "../harness/backend";
import { spawnBackend, type BackendProcess } from "../harness/backend-process";
import { seedCatalog } from "../harness/catalog-seed";
import { expectSameFinalState, finalState, writebacksDone } from "../harness/final-state";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";
import { seededRandom, shuffled } from "../harness/shuffle";

jest.setTimeout(180_000);

const COPIES = 5;
const IN_FLIGHT = 16;

let fake: FakeStripe;
/** The in-order reference writes its keys back to objects of its own. */
let referenceFake: FakeStripe;
let sharedDatabase: TestDatabase;
let referenceDatabase: TestDatabase;
let instances: BackendProcess[] = [];
let reference: BackendUnderTest;
let db: Db;

const catalog = {
  products: [
    { shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] },
    { shortCode: "PRO", policies: [{ code: "std", isDefault: true, maxActivations: 5 }] },
  ],
  bundles: [{ code: "SUITE", members: ["APP", "PRO"] }],
};

beforeAll(async () => {
  [fake, referenceFake] = await Promise.all([startFakeStripe(), startFakeStripe()]);
  [sharedDatabase, referenceDatabase] = await Promise.all([createTestDatabase("two_instances"), createTestDatabase("two_instances_ref")]);
  // Both start at once on an empty database, as a scaled-out deployment does.
  instances = await Promise.all([0, 1].map(() => spawnBackend({ databaseUrl: sharedDatabase.url, stripeApiUrl: fake.url })));
  db = createDb({ connectionString: sharedDatabase.url });
  const account = await db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } });
  await seedCatalog(db, account.id, catalog);
  reference = await startBackend({ databaseUrl: referenceDatabase.url, stripeApiUrl: referenceFake.url });
  await seedCatalog(reference.db, reference.accountId, catalog);
});

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await reference?.close();
  if (db) await closeDb(db);
  await Promise.all([fake?.close(), referenceFake?.close()]);
  await Promise.all([sharedDatabase?.drop(), referenceDatabase?.drop()]);
});

/**
 * 40 one-off checkouts and 32 subscriptions of 5 events each (creation, first invoice, then quantity
 * changes, renewals, past_due): 200 events in the order Stripe would send them, and the number of
 * licenses they must make.
 */
function buildEvents(store: FakeStore): { events: Stripe.Event[]; expectedLicenses: number } {
  const shop = new StripeWorld(store, { name: "shop" });
  const customers = Array.from({ length: 8 }, () => shop.customer());
  const app = shop.price({ product: shop.product(), metadata: { short_code: "APP" } });
  const pro = shop.price({ product: shop.product(), metadata: { short_code: "PRO", license_type: "time-limited", valid_duration: "30d" } });
  const suite = shop.price({ product: shop.product(), metadata: { short_code: "SUITE", is_product_bundle: "true" } });
  const monthlyApp = shop.price({ product: shop.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const monthlyPro = shop.price({ product: shop.product(), recurring: { interval: "month" }, metadata: { short_code: "PRO", added_days: "3" } });

  const events: Stripe.Event[] = [];
  let expectedLicenses = 0;
  for (let i = 0; i < 40; i++) {
    const lines = [
      [{ price: app, quantity: 1 + (i % 3) }],
      [{ price: pro, quantity: 2 }],
      [
        { price: app, quantity: 1 },
        { price: pro, quantity: 1 },
      ],
      [{ price: suite, quantity: 1 }],
    ][i % 4]!;
    expectedLicenses += lines.reduce((n, l) => n + l.quantity * (l.price === suite ? 3 : 1), 0);
    events.push(...shop.checkout({ customer: customers[i % 8]!, lines }).events);
  }
  for (let s = 0; s < 32; s++) {
    const w = new StripeWorld(store, { name: `sub${s}` });
    const quantity = 1 + (s % 3);
    const start = w.subscribe({ customer: customers[s % 8]!, items: [{ price: s % 2 ? monthlyApp : monthlyPro, quantity }] });
    const sub = start.subscription;
    const steps: Stripe.Event[][] = [start.events];
    let peak = quantity;
    switch (s % 4) {
      case 0:
        steps.push(w.setQuantity(sub, 0, quantity + 2).events, w.renew(sub).events);
        peak = quantity + 2;
        break;
      case 1:
        steps.push(w.setQuantity(sub, 0, quantity > 1 ? 1 : 2).events, w.renew(sub).events);
        peak = Math.max(quantity, 2);
        break;
      case 2:
        steps.push(w.renew(sub).events, w.setQuantity(sub, 0, quantity + 1).events);
        peak = quantity + 1;
        break;
      default:
        steps.push(w.setQuantity(sub, 0, quantity + 2).events, w.setQuantity(sub, 0, quantity).events, w.setStatus(sub, "past_due").events);
        peak = quantity + 2;
    }
    expectedLicenses += peak;
    events.push(...steps.flat());
  }
  return { events, expectedLicenses };
}

type Answer = { instance: number; status: number; body: any };

/** Delivers every event COPIES times, shuffled, IN_FLIGHT at once, alternating the instances. */
async function deliverConcurrently(events: Stripe.Event[]): Promise<Map<string, Answer[]>> {
  const queue = shuffled(events.flatMap((e) => Array.from({ length: COPIES }, () => e)), seededRandom(17));
  const answers = new Map<string, Answer[]>(events.map((e) => [e.id, []]));
  let sent = 0;
  const worker = async () => {
    for (let event = queue.shift(); event; event = queue.shift()) {
      const instance = sent++ % instances.length;
      const answer = await instances[instance]!.deliver(event);
      answers.get(event.id)!.push({ instance, ...answer });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return answers;
}

async function licenseFacts(client: Db) {
  const rows = await client.license.findMany({
    select: { sourceKey: true, status: true, expiresAt: true, maxActivations: true, stripePriceId: true, _count: { select: { history: { where: { type: "CREATED" } } } } },
    orderBy: { sourceKey: "asc" },
  });
  return rows.map(({ _count, ...facts }) => ({ ...facts, created: _count.history }));
}

test("two backend processes fed every event five times, concurrently and shuffled, end exactly where one in-order delivery does", async () => {
  const { events, expectedLicenses } = buildEvents(fake.store);
  expect(events).toHaveLength(200);
  expect(new Set(events.map((e) => e.id)).size).toBe(200);
  // The same calls on the reference's own fake Stripe make the very same events.
  const referenceEvents = buildEvents(referenceFake.store).events;
  expect(JSON.stringify(referenceEvents)).toBe(JSON.stringify(events));

  await deliverAll(reference, referenceEvents);
  const expected = await licenseFacts(reference.db);
  expect(expected).toHaveLength(expectedLicenses);

  const answers = await deliverConcurrently(events);
  const all = [...answers.values()].flat();
  // Locks and constraints make concurrent deliveries wait, never fail: not even a retryable 500 is expected.
  const failures = all.filter((a) => a.status !== 200);
  if (failures.length > 0) {
    const logs = instances.map((i) => i.output()).join("\n");
    throw new Error(`${failures.length} deliveries were not answered 200, e.g. ${JSON.stringify(failures.slice(0, 3))}\n${logs}`);
  }

  // Each event was applied by exactly one delivery; the other four were told it was a duplicate.
  for (const [eventId, list] of answers) {
    const applied = list.filter((a) => a.body.status !== "DUPLICATE");
    expect({ eventId, applied: applied.map((a) => a.body.status) }).toEqual({ eventId, applied: ["PROCESSED"] });
    expect(list).toHaveLength(COPIES);
  }
  const appliedBy = new Set(all.filter((a) => a.body.status === "PROCESSED").map((a) => a.instance));
  expect(appliedBy).toEqual(new Set([0, 1]));

  expect(await db.webhookEvent.count()).toBe(200);
  expect(await db.webhookEvent.count({ where: { status: "PROCESSED" } })).toBe(200);
  expect(await licenseFacts(db)).toEqual(expected);

  // Every field of every license and the keys written back to Stripe. Copies were shuffled, so another
  // order may legitimately have written other history lines: each license must have been created once.
  const account = await db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } });
  await Promise.all([writebacksDone(db, account.id), writebacksDone(reference.db, reference.accountId)]);
  expectSameFinalState(
    await finalState(db, account.id, fake.store.platform),
    await finalState(reference.db, reference.accountId, referenceFake.store.platform),
    { label: "two instances, five shuffled copies", history: "created-once" },
  );
});
