import { closeDb, createDb, poolOf, type Db } from "../../src/db/client";
import type { SqlTx } from "../../src/db/sql";
import { BatchAborted, TransactionBatcher, type TransactionJob } from "../../src/db/transaction-batcher";
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

/** How many jobs ran in each transaction: a job ran alone when its last transaction held only it. */
const jobsPerTx = new Map<SqlTx, number>();

/**
 * A job like a webhook's: it reads how many rows its key has (under a lock on nothing else), then writes one
 * more, recording the transaction it ran in.
 */
function job(id: string, key = id, opts: { fail?: string } = {}): TransactionJob<string> & { ranAlone: () => boolean } {
  let lastTx: SqlTx | undefined;
  return {
    key,
    run: async (tx) => {
      lastTx = tx;
      jobsPerTx.set(tx, (jobsPerTx.get(tx) ?? 0) + 1);
      const [seen] = await tx.pipeline([Prisma.sql`SELECT count(*)::int AS n FROM batch_probe WHERE key = ${key}`]);
      if (opts.fail) throw new Error(opts.fail);
      return {
        write: Prisma.sql`INSERT INTO batch_probe (id, key, seen, txid) VALUES (${id}, ${key}, ${(seen![0] as { n: number }).n}, txid_current()) RETURNING id`,
        result: id,
      };
    },
    ranAlone: () => lastTx !== undefined && jobsPerTx.get(lastTx) === 1,
  };
}

/** As the webhook engine does: a job whose shared transaction was rolled back runs again, alone. */
function runWithFallback<T>(batcher: TransactionBatcher, j: TransactionJob<T>): Promise<T> {
  return batcher.run(j).catch((err) => {
    if (!(err instanceof BatchAborted)) throw err;
    return batcher.run({ run: j.run });
  });
}

const rows = () => db.$queryRaw<{ id: string; key: string; seen: number; txid: bigint }[]>`SELECT id, key, seen, txid FROM batch_probe ORDER BY id`;

test("jobs that arrive while a transaction is in flight share the next one", async () => {
  const batcher = new TransactionBatcher(poolOf(db), { maxBatch: 32, maxInFlight: 1 });
  const jobs = ["a", "b", "c", "d", "e"].map((id) => job(id));
  expect(await Promise.all(jobs.map((j) => runWithFallback(batcher, j)))).toEqual(["a", "b", "c", "d", "e"]);
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
  await Promise.all(jobs.map((j) => runWithFallback(batcher, j)));
  const byId = new Map((await rows()).map((r) => [r.id, r]));
  expect(byId.get("k1")!.seen).toBe(0);
  expect(byId.get("k2")!.seen).toBe(1);
  expect(byId.get("k1")!.txid).not.toBe(byId.get("k2")!.txid);
});

test("when one job of a batch fails, the batch rolls back and each job is told so; run alone, the others still land", async () => {
  const batcher = new TransactionBatcher(poolOf(db), { maxBatch: 32, maxInFlight: 1 });
  const jobs = [job("a"), job("b"), job("bad", "bad", { fail: "bad metadata" }), job("c")];
  const results = await Promise.allSettled(jobs.map((j) => runWithFallback(batcher, j)));
  expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["a", "b", "bad metadata", "c"]);
  expect((await rows()).map((r) => r.id)).toEqual(["a", "b", "c"]);
  expect(jobs.map((j) => j.ranAlone())).toEqual([true, true, true, true]);
});

test("a write that fails in the shared statement round trip (a duplicate row) also aborts the batch; alone, the others land", async () => {
  await db.$executeRawUnsafe(`INSERT INTO batch_probe (id, key, seen, txid) VALUES ('dup', 'dup', 0, 0)`);
  const batcher = new TransactionBatcher(poolOf(db), { maxBatch: 32, maxInFlight: 1 });
  const jobs = [job("a"), job("b"), job("dup"), job("c")];
  const results = await Promise.allSettled(jobs.map((j) => runWithFallback(batcher, j)));
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  expect((await rows()).map((r) => r.id)).toEqual(["a", "b", "c", "dup"]);
});
