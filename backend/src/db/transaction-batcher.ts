import type { Prisma } from "../generated/prisma/client";
import { asRecordingError, commitStatement } from "./deferred-writes";
import { sqlTransaction, type SqlPool, type SqlTx } from "./sql";
import { isDatabaseUnavailable } from "./unavailable";

/** A unit of work that ends in one statement writing all it decided. */
export interface TransactionJob<T> {
  /**
   * Jobs with one key never share a transaction: each must see the other's writes. Without a key the job
   * always runs in a transaction of its own.
   */
  key?: string;
  /**
   * Jobs share transactions only within their lane (an account), and lanes run side by side: one account's
   * transaction waiting on a lock never holds up another account's events.
   */
  lane?: string;
  /** Its reads and locks; then the statement that writes it all, sent last with COMMIT, and its result. */
  run(tx: SqlTx): Promise<{ write: Prisma.Sql; result: T }>;
}

/** Another job of the shared transaction failed, so this one's work was rolled back too; run it alone. */
export class BatchAborted extends Error {
  constructor(override readonly cause: unknown) {
    super("The shared transaction rolled back because another event in it failed");
  }
}

/** Runs the job in a transaction of its own; its write goes out with COMMIT. */
export function runAlone<T>(pool: SqlPool, job: TransactionJob<T>): Promise<T> {
  return sqlTransaction(pool, async (tx) => {
    const { write, result } = await job.run(tx);
    await commitStatement(tx, write);
    return result;
  });
}

interface Queued {
  job: TransactionJob<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Group commit for jobs that arrive together: while a transaction is in flight, new jobs queue, and the
 * next transaction takes all of them (up to `maxBatch`, one per key). Their statements share round trips:
 * every job's locks in one, every job's write and the COMMIT in the next, so a batch of n costs two round
 * trips and one commit instead of 2n and n. If anything in a batch fails, the batch rolls back and each of
 * its jobs is told so (BatchAborted); whoever asked decides whether to run it again alone. When the database
 * is unreachable, every job waiting fails at once with that error, instead of each waiting out its timeout.
 */
export class TransactionBatcher {
  private readonly queue: Queued[] = [];
  /** Lanes with a batch in flight: at most one each, so a lane's keys are never in two transactions. */
  private readonly busy = new Set<string>();
  private inFlight = 0;

  constructor(
    private readonly pool: SqlPool,
    private readonly opts: { maxBatch: number; maxInFlight: number },
  ) {}

  run<T>(job: TransactionJob<T>): Promise<T> {
    if (job.key === undefined) return runAlone(this.pool, job);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.opts.maxInFlight) {
      const first = this.queue.find((q) => !this.busy.has(q.job.lane ?? ""));
      if (!first) return;
      const lane = first.job.lane ?? "";
      const batch: Queued[] = [];
      const keys = new Set<string>();
      for (let i = 0; i < this.queue.length && batch.length < this.opts.maxBatch; ) {
        const q = this.queue[i]!;
        if ((q.job.lane ?? "") !== lane || keys.has(q.job.key!)) {
          i++;
          continue;
        }
        keys.add(q.job.key!);
        batch.push(q);
        this.queue.splice(i, 1);
      }
      // Jobs take their locks in key order, so two instances' batches that share keys queue behind each
      // other instead of deadlocking.
      batch.sort((a, b) => (a.job.key! < b.job.key! ? -1 : a.job.key! > b.job.key! ? 1 : 0));
      this.busy.add(lane);
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.busy.delete(lane);
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [Queued];
      return runAlone(this.pool, only.job).then(only.resolve, (err: unknown) => {
        if (isDatabaseUnavailable(err)) for (const q of this.queue.splice(0)) q.reject(err);
        only.reject(err);
      });
    }
    let results: unknown[];
    try {
      results = await sqlTransaction(this.pool, async (tx) => {
        // Every job runs to the end before the batch decides: they share the connection.
        const applied = await Promise.allSettled(batch.map((q) => q.job.run(tx)));
        const failed = applied.find((a) => a.status === "rejected");
        if (failed) throw failed.reason;
        const done = applied.map((a) => (a as PromiseFulfilledResult<{ write: Prisma.Sql; result: unknown }>).value);
        await Promise.all([...done.map((d) => tx.pipeline([d.write])), tx.commit()]);
        return done.map((d) => d.result);
      });
    } catch (err) {
      const cause = asRecordingError(err);
      if (isDatabaseUnavailable(cause)) {
        // Running alone would only wait for the same timeout again; so would every job queued meanwhile.
        for (const q of [...batch, ...this.queue.splice(0)]) q.reject(cause);
        return;
      }
      for (const q of batch) q.reject(new BatchAborted(cause));
      return;
    }
    batch.forEach((q, i) => q.resolve(results[i]));
  }
}
