import type { PoolClient } from "pg";
import { closeDb, createDb, poolOf, type Db } from "../../src/db/client";
import { AlreadyRecorded, commitWithWrites } from "../../src/db/deferred-writes";
import { sqlTransaction, type SqlPool } from "../../src/db/sql";
import { Prisma } from "../../src/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase("pipelined_transaction");
  db = createDb({ connectionString: database.url, max: 1 });
  await db.$executeRawUnsafe(`CREATE TABLE pipeline_probe (id int PRIMARY KEY, note text NOT NULL)`);
});

afterAll(async () => {
  await closeDb(db);
  await database.drop();
});

beforeEach(() => db.$executeRawUnsafe(`TRUNCATE pipeline_probe`));

/**
 * The pool, with the transaction's round trips counted: statements sent together, without waiting for an
 * answer in between, are one round trip. They are asked for in one synchronous turn; the next turn starts
 * only after an answer came back.
 */
function countingPool(): { pool: SqlPool; roundTrips: () => number } {
  const real = poolOf(db);
  let count = 0;
  let sending = false;
  const connect = async () => {
    const client = await real.pool.connect();
    return new Proxy(client, {
      get(target, prop, receiver) {
        if (prop !== "query") return Reflect.get(target, prop, receiver);
        return (...args: Parameters<PoolClient["query"]>) => {
          if (!sending) {
            count++;
            sending = true;
            queueMicrotask(() => (sending = false));
          }
          return (target.query as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
  };
  return { pool: { ...real, pool: { connect } as unknown as SqlPool["pool"] }, roundTrips: () => count };
}

const notes = async () => (await db.$queryRaw<{ id: number; note: string }[]>`SELECT id, note FROM pipeline_probe ORDER BY id`);

test("a lock-then-write transaction costs two round trips: BEGIN goes with the first statements, COMMIT with the last", async () => {
  const { pool, roundTrips } = countingPool();
  const seen = await sqlTransaction(pool, async (tx) => {
    const [inserted, counted] = await tx.pipeline([
      Prisma.sql`INSERT INTO pipeline_probe (id, note) VALUES (${1}, ${"first"}) RETURNING id`,
      Prisma.sql`SELECT count(*)::int AS n FROM pipeline_probe`,
    ]);
    await commitWithWrites(tx, [], Prisma.sql`INSERT INTO pipeline_probe (id, note) VALUES (${2}, ${"second"}) RETURNING id`);
    return { inserted, counted };
  });
  expect(seen).toEqual({ inserted: [{ id: 1 }], counted: [{ n: 1 }] });
  expect(roundTrips()).toBe(2);
  expect(await notes()).toEqual([
    { id: 1, note: "first" },
    { id: 2, note: "second" },
  ]);
});

test("parameters are converted as node-postgres converts them (dates, arrays, JSON)", async () => {
  const at = new Date("2026-12-02T10:00:00.000Z");
  const rows = await sqlTransaction(poolOf(db), (tx) =>
    tx.pipeline([Prisma.sql`SELECT ${at}::timestamptz AS at, ${["a", "b"]}::text[] AS list, ${JSON.stringify({ k: 1 })}::jsonb AS doc`]),
  );
  expect(rows[0]).toEqual([{ at, list: ["a", "b"], doc: { k: 1 } }]);
});

test("after a failing statement the rest of the pipeline does not run, and the transaction keeps nothing", async () => {
  await expect(
    sqlTransaction(poolOf(db), (tx) =>
      tx.pipeline([
        Prisma.sql`INSERT INTO pipeline_probe (id, note) VALUES (${1}, ${"kept?"})`,
        Prisma.sql`SELECT 1 / ${0}::int`,
        Prisma.sql`INSERT INTO pipeline_probe (note, id) VALUES (${"never"}, ${2})`,
      ]),
    ),
  ).rejects.toThrow(/division by zero/);
  expect(await notes()).toEqual([]);
  // The connection is usable again, and the statement that never ran is prepared when it is next used.
  await sqlTransaction(poolOf(db), (tx) => tx.pipeline([Prisma.sql`INSERT INTO pipeline_probe (note, id) VALUES (${"never"}, ${2})`]));
  expect(await notes()).toEqual([{ id: 2, note: "never" }]);
});

test("a statement that failed once runs again on the same connection without being prepared twice", async () => {
  const divide = (by: number) => sqlTransaction(poolOf(db), async (tx) => tx.$queryRaw<{ q: number }[]>`SELECT (10 / ${by}::int) AS q`);
  await expect(divide(0)).rejects.toThrow(/division by zero/);
  expect(await divide(5)).toEqual([{ q: 2 }]);
});

test("commitWithWrites: a write that touches other rows than promised fails the statement before COMMIT", async () => {
  await expect(
    sqlTransaction(poolOf(db), async (tx) => {
      await tx.$executeRaw`INSERT INTO pipeline_probe (id, note) VALUES (${1}, ${"before"})`;
      await commitWithWrites(
        tx,
        [{ name: "notes", expectRows: 2, sql: Prisma.sql`INSERT INTO pipeline_probe (id, note) VALUES (${2}, ${"one of two"}) RETURNING id` }],
        Prisma.sql`SELECT 1 AS done`,
      );
    }),
  ).rejects.toThrow(/Write notes touched 1 row\(s\), expected 2/);
  expect(await notes()).toEqual([]);
});

test("commitWithWrites: when the statement's own write finds its row already there, the event is already recorded and nothing is kept", async () => {
  await db.$executeRawUnsafe(`INSERT INTO pipeline_probe (id, note) VALUES (1, 'recorded')`);
  await expect(
    sqlTransaction(poolOf(db), (tx) =>
      commitWithWrites(
        tx,
        [{ name: "side", sql: Prisma.sql`INSERT INTO pipeline_probe (id, note) VALUES (${2}, ${"side effect"}) RETURNING id` }],
        Prisma.sql`INSERT INTO pipeline_probe (id, note) VALUES (${1}, ${"again"}) ON CONFLICT (id) DO NOTHING RETURNING id`,
      ),
    ),
  ).rejects.toBeInstanceOf(AlreadyRecorded);
  expect(await notes()).toEqual([{ id: 1, note: "recorded" }]);
});

test("a transaction that fails with a statement still queued sends nothing more and leaves its connection clean", async () => {
  await expect(
    sqlTransaction(poolOf(db), async (tx) => {
      void tx.$queryRaw`SELECT 1`.then(undefined, () => undefined);
      throw new Error("failed before the statement went out");
    }),
  ).rejects.toThrow("failed before the statement went out");
  await new Promise((r) => setTimeout(r, 20));
  // The pool has one connection: the one the transaction used. It must not be inside a transaction.
  const { rows } = await poolOf(db).pool.query<{ leftover: boolean }>(
    `SELECT xact_start < statement_timestamp() AS leftover FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
  );
  expect(rows[0]!.leftover).toBe(false);
});
