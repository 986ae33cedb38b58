import type { Prisma } from "../generated/prisma/client";
import { sqlTransaction, type SqlPool, type SqlTx } from "./sql";

/** A unit of work that can share a transaction with others, or run in one of its own. */
export interface BatchJob<T> {
  /** Jobs with one key never share a transaction: each must see the other's writes. */
  key: string;
  /** The work inside a shared transaction: its reads and locks, then the statement that writes it all. */
  apply(tx: SqlTx): Promise<{ write: Prisma.Sql; result: T }>;
  /** The same work in a transaction of its own, with its own handling of failures. */
  alone(): Promise<T>;
}

interface Queued {
  job: BatchJob<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Group commit for jobs that arrive together: while a transaction is in flight, new jobs queue, and the
 * next transaction takes all of them (up to `maxBatch`, one per key). Their statements share round trips:
 * every job's locks in one, every job's write and the COMMIT in the next, so a batch of n costs two round
 * trips and one commit instead of 2n and n. If anything in a batch fails (one job's error, a duplicate, a
 * deadlock that outlasts sqlTransaction's reruns) the batch rolls back and each of its jobs runs alone, so
 * a job's outcome is the same as if it had never been batched.
 */
export class TransactionBatcher {
  private readonly queue: Queued[] = [];
  private readonly busy = new Set<string>();
  private inFlight = 0;

  constructor(
    private readonly pool: SqlPool,
    private readonly opts: { maxBatch: number; maxInFlight: number },
  ) {}

  run<T>(job: BatchJob<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.opts.maxInFlight) {
      const batch: Queued[] = [];
      const keys = new Set<string>();
      for (let i = 0; i < this.queue.length && batch.length < this.opts.maxBatch; ) {
        const q = this.queue[i]!;
        if (this.busy.has(q.job.key) || keys.has(q.job.key)) {
          i++;
          continue;
        }
        keys.add(q.job.key);
        batch.push(q);
        this.queue.splice(i, 1);
      }
      if (batch.length === 0) return;
      // Jobs take their locks in key order, so two instances' batches that share keys queue behind each
      // other instead of deadlocking.
      batch.sort((a, b) => (a.job.key < b.job.key ? -1 : a.job.key > b.job.key ? 1 : 0));
      for (const k of keys) this.busy.add(k);
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        for (const k of keys) this.busy.delete(k);
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    const alone = (q: Queued) => q.job.alone().then(q.resolve, q.reject);
    if (batch.length === 1) return alone(batch[0]!);
    let results: unknown[];
    try {
      results = await sqlTransaction(this.pool, async (tx) => {
        // Every job runs to the end before the batch decides: they share the connection.
        const applied = await Promise.allSettled(batch.map((q) => q.job.apply(tx)));
        const failed = applied.find((a) => a.status === "rejected");
        if (failed) throw failed.reason;
        const done = applied.map((a) => (a as PromiseFulfilledResult<{ write: Prisma.Sql; result: unknown }>).value);
        await Promise.all([...done.map((d) => tx.pipeline([d.write])), tx.commit()]);
        return done.map((d) => d.result);
      });
    } catch {
      await Promise.all(batch.map(alone));
      return;
    }
    batch.forEach((q, i) => q.resolve(results[i]));
  }
}
