import { loadConfig } from "../../src/config";
import { closeDb, createDb, poolOf, type Db } from "../../src/db/client";
import { TransactionBatcher } from "../../src/db/transaction-batcher";
import type { StripeEvent } from "../../src/ingest/envelope";
import { defineHandler, type EventHandler } from "../../src/ingest/events/handler";
import { newDelivery } from "../../src/ingest/inbox-entry";
import { runEvent, type EventSource, type IngestDeps } from "../../src/ingest/run-event";
import type { Account } from "../../src/licensing/account";
import { StripeAccess } from "../../src/stripe/stripe-access";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";

jest.setTimeout(30_000);

let database: TestDatabase;
let db: Db;
let account: Account;
let deps: IngestDeps;

beforeAll(async () => {
  database = await createTestDatabase("run_event_retry");
  db = createDb({ connectionString: database.url });
  const row = await db.account.create({ data: { kind: "SELF_HOSTED", livemode: false, selfHostedMode: "test" } });
  account = { id: row.id, kind: "SELF_HOSTED", stripeAccountId: null, status: "CONNECTED", catalogVersion: 0 };
  deps = { db, stripeAccess: new StripeAccess(loadConfig({})) };
  await db.$executeRawUnsafe(`CREATE TABLE lock_probe (id text PRIMARY KEY)`);
  await db.$executeRawUnsafe(`INSERT INTO lock_probe VALUES ('a'), ('b')`);
});

afterAll(async () => {
  await closeDb(db);
  await database.drop();
});

let serial = 0;
function event(): StripeEvent {
  const id = `evt_retry_${++serial}`;
  const body = JSON.stringify({ id, object: "event", type: "test.retry", created: 1767225600, livemode: false, data: { object: {} } });
  return { id, type: "test.retry", created: new Date(1767225600_000), livemode: false, object: {}, body };
}

function source(e: StripeEvent, handler: EventHandler<unknown>): EventSource {
  return { event: e, forgetRoute: () => undefined, resolve: async () => ({ account, entry: newDelivery(account.id, e), handler, cached: false, freshPrices: false }) };
}

const inboxRows = (e: StripeEvent) => db.webhookEvent.count({ where: { stripeEventId: e.id } });
const dbError = (code: string) => Object.assign(new Error(`database error ${code}`), { code });

function handlerFailing(times: number, code: string) {
  let runs = 0;
  const handler = defineHandler<null>({
    type: "test.retry",
    prepare: async () => ({ next: null }),
    apply: async () => {
      if (++runs <= times) throw dbError(code);
      return { status: "PROCESSED", message: `done after ${runs} run(s)` };
    },
  });
  return { handler: handler as EventHandler<unknown>, runs: () => runs };
}

test("a conflict (deadlock, serialization failure) runs the transaction again, up to three runs in all", async () => {
  const twice = handlerFailing(2, "40P01");
  const e = event();
  expect(await runEvent(deps, source(e, twice.handler))).toMatchObject({ status: "PROCESSED", message: "done after 3 run(s)" });
  expect(twice.runs()).toBe(3);
  expect(await inboxRows(e)).toBe(1);

  const always = handlerFailing(99, "40001");
  const lost = event();
  await expect(runEvent(deps, source(lost, always.handler))).rejects.toThrow("40001");
  expect(always.runs()).toBe(3);
  expect(await inboxRows(lost)).toBe(0);
});

test("other database errors are not retried: the delivery fails and nothing is recorded", async () => {
  const unique = handlerFailing(1, "23505");
  const e = event();
  await expect(runEvent(deps, source(e, unique.handler))).rejects.toThrow("23505");
  expect(unique.runs()).toBe(1);
  expect(await inboxRows(e)).toBe(0);
});

test("a real deadlock between two events: PostgreSQL aborts one, which runs again, and both are recorded", async () => {
  let arrived = 0;
  let release!: () => void;
  const bothHoldTheirFirstLock = new Promise<void>((r) => (release = r));
  const crossing = (first: string, second: string) => {
    let runs = 0;
    return defineHandler<null>({
      type: "test.retry",
      prepare: async () => ({ next: null }),
      apply: async (tx) => {
        runs++;
        await tx.$queryRaw`SELECT id FROM lock_probe WHERE id = ${first} FOR UPDATE`;
        if (runs === 1) {
          if (++arrived === 2) release();
          await bothHoldTheirFirstLock;
        }
        await tx.$queryRaw`SELECT id FROM lock_probe WHERE id = ${second} FOR UPDATE`;
        return { status: "PROCESSED", message: `locked ${first} then ${second} in ${runs} run(s)` };
      },
    }) as EventHandler<unknown>;
  };
  const [x, y] = [event(), event()];
  const answers = await Promise.all([runEvent(deps, source(x, crossing("a", "b"))), runEvent(deps, source(y, crossing("b", "a")))]);
  expect(answers.map((a) => a.status)).toEqual(["PROCESSED", "PROCESSED"]);
  // At least one run was aborted and ran again. Usually that is all, but the retry can take the row lock the
  // winner was about to get (PostgreSQL lets a locker pass a waiter once the holder aborted), and a second
  // deadlock costs the loser a third run: the budget allows it, so only the total is fixed.
  const runs = answers.map((a) => Number(/in (\d) run/.exec(a.message)![1]));
  expect(runs[0]! + runs[1]!).toBeGreaterThanOrEqual(3);
  expect(Math.max(...runs)).toBeLessThanOrEqual(3);
  expect(await inboxRows(x)).toBe(1);
  expect(await inboxRows(y)).toBe(1);
});

test("when another event of a shared transaction fails, this one runs again alone and is recorded", async () => {
  const batcher = new TransactionBatcher(poolOf(db), { maxBatch: 32, maxInFlight: 1 });
  const batched = { ...deps, batcher };
  const keyed = (h: EventHandler<unknown>, key: string): EventHandler<unknown> => ({ ...h, serialKey: () => key });
  const ok = (n: number) => keyed(handlerFailing(0, "").handler, `k${n}`);
  // The first job runs alone (nothing in flight); the next three share a transaction, and one of them fails.
  const events = [event(), event(), event(), event()];
  const answers = await Promise.allSettled([
    runEvent(batched, source(events[0]!, ok(0))),
    runEvent(batched, source(events[1]!, ok(1))),
    runEvent(batched, source(events[2]!, keyed(handlerFailing(99, "23505").handler, "k2"))),
    runEvent(batched, source(events[3]!, ok(3))),
  ]);
  expect(answers.map((a) => a.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  expect(await Promise.all(events.map(inboxRows))).toEqual([1, 1, 0, 1]);
});
