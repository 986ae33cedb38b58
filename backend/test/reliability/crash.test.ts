import { closeDb, createDb, type Db } from "../../src/db/client";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { spawnBackend, type BackendProcess, type ProcessEnd } from "../harness/backend-process";
import { seedCatalog } from "../harness/catalog-seed";
import { expectSameFinalState, finalState, inboxState, stateFigures, writebacksDone } from "../harness/final-state";
import { answersByStatus, deliverStreams, latencies, report, type Delivery } from "../harness/load";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";
import { referenceRun } from "../harness/reference";
import { MIXED_CATALOG, mixedLoad } from "../scenarios/mixed-load";

// Scenario 2: one of two processes is SIGKILLed mid-load and started again; Stripe sends again whatever
// was not answered 200. The end must be a clean run's.
jest.setTimeout(300_000);

const EVENTS = 600;
const KILL_AFTER = 200;

let fake: FakeStripe;
let database: TestDatabase;
let instances: BackendProcess[] = [];
let db: Db;
let accountId: string;

beforeAll(async () => {
  fake = await startFakeStripe();
  database = await createTestDatabase("rel_crash");
  instances = await Promise.all([0, 1].map(() => spawnBackend({ databaseUrl: database.url, stripeApiUrl: fake.url })));
  db = createDb({ connectionString: database.url });
  accountId = (await db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } })).id;
  await seedCatalog(db, accountId, MIXED_CATALOG);
});

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  if (db) await closeDb(db);
  await fake?.close();
  await database?.drop();
});

test("a process killed mid-load and restarted, with every unanswered event sent again, ends as a clean run", async () => {
  const reference = await referenceRun("rel_crash", MIXED_CATALOG, (store) => mixedLoad(store, EVENTS).events);
  const load = mixedLoad(fake.store, EVENTS);
  expect(JSON.stringify(load.events)).toBe(JSON.stringify(reference.events));

  const victim = instances[0]!;
  let killedAt = 0;
  let restarted: Promise<{ end: ProcessEnd; seconds: number }> | undefined;
  const started = performance.now();
  const deliveries: Delivery[] = await deliverStreams(load.streams, {
    copies: 1,
    inFlight: 16,
    // As behind a load balancer: deliveries alternate between the two instances, whatever their state.
    target: ({ sequence }) => instances[sequence % 2]!.url,
    retry: { attempts: 60, backoffMs: 500 },
    timeoutMs: 20_000,
    onDelivery: (_d, count) => {
      if (count !== KILL_AFTER) return;
      killedAt = count;
      victim.kill("SIGKILL");
      restarted = (async () => {
        const end = await victim.exited;
        const t = performance.now();
        instances[0] = await spawnBackend({ databaseUrl: database.url, stripeApiUrl: fake.url });
        return { end, seconds: (performance.now() - t) / 1000 };
      })();
    },
  });
  const seconds = (performance.now() - started) / 1000;
  expect(restarted).toBeDefined();
  const restart = await restarted!;
  // A write-back that never lands shows as a difference in the keys below; the outbox says whether it is still queued.
  await writebacksDone(db, accountId).catch(() => undefined);
  const outboxLeft = await db.stripeWriteback.count({ where: { accountId } });
  const actual = await finalState(db, accountId, fake.store.platform);
  const inbox = await inboxState(db, accountId);

  const lastAttempt = new Map<string, Delivery>();
  for (const d of deliveries) lastAttempt.set(d.eventId, d);
  report("crash and restart (scenario 2)", {
    events: EVENTS,
    deliveries: deliveries.length,
    killedAfterDeliveries: killedAt,
    victimEnded: restart.end,
    restartSeconds: restart.seconds.toFixed(1),
    answers: answersByStatus(deliveries),
    latencyMs: latencies(deliveries),
    seconds: seconds.toFixed(1),
    referenceInOrderSeconds: reference.seconds.toFixed(1),
    expected: stateFigures(reference.state),
    actual: stateFigures(actual),
    inboxRows: inbox.rows,
    outboxLeft,
  });

  expect(restart.end.signal).toBe("SIGKILL");
  // The kill left something unanswered, or the scenario did not test a crash.
  expect(deliveries.filter((d) => d.status !== 200).length).toBeGreaterThan(0);
  // Stripe's retries got every event answered 200 in the end.
  const unanswered = [...lastAttempt.values()].filter((d) => d.status !== 200);
  expect(unanswered.slice(0, 3).map((d) => ({ event: d.eventId, status: d.status, body: d.body }))).toEqual([]);
  expect(instances.every((i) => i.alive())).toBe(true);
  expect(inbox.rows).toBe(EVENTS);
  expect(inbox.byEvent).toEqual(reference.inbox.byEvent);
  expectSameFinalState(actual, reference.state, { label: "after a crash and redeliveries" });
});
