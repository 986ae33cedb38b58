import { closeDb, createDb, poolOf, type Db } from "../../src/db/client";
import { TransactionBatcher, type BatchJob } from "../../src/db/transaction-batcher";
import { sqlTransaction } from "../../src/db/sql";
import { Prisma } from "../../src/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase("transaction_batcher");
  db = createDb({ connectionString: database.url });
  await db.$executeRawUnsafe(`CREATE TABLE batch_probe (id text PRIMARY KEY, key text NOT NULL, seen int NOT NULL, txid bigint NOT NULL)`);
});

afterAll(async () => {
  await closeDb(db);
  await database.drop();
});

beforeEach(() => db.$executeRawUnsafe(`TRUNCATE batch_probe`));

/**
 * A job like a webhook's: it reads how many rows its key has (under a lock on nothing else), then writes one
 * more, recording the transaction it ran in. `alone` does the same in a transaction of its own.
 */
function job(id: string, key = id, opts: { fail?: string } = {}): BatchJob<string> & { ranAlone: () => boolean } {
  let alone = false;
  const work = async (tx: Parameters<BatchJob<string>["apply"]>[0]) => {
    const [seen] = await tx.pipeline([Prisma.sql`SELECT count(*)::int AS n FROM batch_probe WHERE key = ${key}`]);
    if (opts.fail) throw new Error(opts.fail);
    return {
      write: Prisma.sql`INSERT INTO batch_probe (id, key, seen, txid) VALUES (${id}, ${key}, ${(seen![0] as { n: number }).n}, txid_current()) RETURNING id`,
      result: id,
    };
  };
  return {
    key,
    apply: work,
    alone: () => {
      alone = true;
      return sqlTransaction(poolOf(db), async (tx) => {
        const { write, result } = await work(tx);
        await tx.commitWith(write);
        return result;
      });
    },
    ranAlone: () => alone,
  };
}

const rows = () => db.$queryRaw<{ id: string; key: string; seen: number; txid: bigint }[]>`SELECT id, key, seen, txid FROM batch_probe ORDER BY id`;

test("jobs that arrive while a transaction is in flight share the next one", async () => {
  const batcher = new TransactionBatcher(poolOf(db), { maxBatch: 32, maxInFlight: 1 });
  const jobs = ["a", "b", "c", "d", "e"].map((id) => job(id));
  expect(await Promise.all(jobs.map((j) => batcher.run(j)))).toEqual(["a", "b", "c", "d", "e"]);
  const stored = await rows();
  expect(stored.map((r) => r.id)).toEqual(["a", "b", "c", "d", "e"]);
  // The first runs alone (nothing was in flight); the four queued behind it share one transaction.
  expect(jobs.map((j) => j.ranAlone())).toEqual([true, false, false, false, false]);
  expect(new Set(stored.slice(1).map((r) => r.txid)).size).toBe(1);
  expect(stored[0]!.txid).not.toBe(stored[1]!.txid);
});

test("jobs with one key never share a transaction: the later one sees the earlier one's write", async () => {
  const batcher = new TransactionBatcher(poolOf(db), { maxBatch: 32, maxInFlight: 1 });
  const jobs = [job("a"), job("k1", "same"), job("k2", "same"), job("b")];
  await Promise.all(jobs.map((j) => batcher.run(j)));
  const byId = new Map((await rows()).map((r) => [r.id, r]));
  expect(byId.get("k1")!.seen).toBe(0);
  expect(byId.get("k2")!.seen).toBe(1);
  expect(byId.get("k1")!.txid).not.toBe(byId.get("k2")!.txid);
});

test("when one job of a batch fails, the batch rolls back and each job runs alone: the others still land", async () => {
  const batcher = new TransactionBatcher(poolOf(db), { maxBatch: 32, maxInFlight: 1 });
  const jobs = [job("a"), job("b"), job("bad", "bad", { fail: "bad metadata" }), job("c")];
  const results = await Promise.allSettled(jobs.map((j) => batcher.run(j)));
  expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["a", "b", "bad metadata", "c"]);
  expect((await rows()).map((r) => r.id)).toEqual(["a", "b", "c"]);
  expect(jobs.map((j) => j.ranAlone())).toEqual([true, true, true, true]);
});

test("a write that fails in the shared statement round trip (a duplicate row) also falls back to each job alone", async () => {
  await db.$executeRawUnsafe(`INSERT INTO batch_probe (id, key, seen, txid) VALUES ('dup', 'dup', 0, 0)`);
  const batcher = new TransactionBatcher(poolOf(db), { maxBatch: 32, maxInFlight: 1 });
  const jobs = [job("a"), job("b"), job("dup"), job("c")];
  const results = await Promise.allSettled(jobs.map((j) => batcher.run(j)));
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  expect((await rows()).map((r) => r.id)).toEqual(["a", "b", "c", "dup"]);
});
