import { sqlOf, type Db } from "../db/client";
import type { Sql } from "../db/sql";
import { deleteWrittenBack, pendingWritebacks, recordWritebackFailure, type PendingWriteback } from "../db/writeback-store";
import type { Logger } from "../logger";
import type { StripeAccess } from "../stripe/stripe-access";

const MAX_ATTEMPTS_LOGGED = 5;
const BATCH = 200;
// Stripe's rate limit is per account and generous; a few writes in flight keep a backlog short.
const PARALLEL = 8;

/**
 * Writes license keys into Stripe metadata (subscription or payment intent) from the outbox, after the
 * transaction that made them committed, and deletes each row Stripe accepted. A failed write stays and is
 * retried on the next sweep. Several instances may flush at once, which is harmless: each writes the full,
 * current key list.
 */
export class WritebackWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly sql: Sql;

  constructor(
    db: Db,
    private readonly stripeAccess: StripeAccess,
    private readonly logger: Logger,
  ) {
    this.sql = sqlOf(db);
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Writes every pending write-back. A call during a run asks for one more run after it, so nothing queued
   * meanwhile waits for the next sweep, and a burst of events costs a few runs, not one each.
   */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.flushPending();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async flushPending(): Promise<void> {
    const pending = await pendingWritebacks(this.sql, BATCH);
    const done: PendingWriteback[] = [];
    for (let i = 0; i < pending.length; i += PARALLEL) {
      await Promise.all(pending.slice(i, i + PARALLEL).map(async (w) => {
        try {
          await this.stripeAccess.gatewayFor(w).writeLicenseKeys(w.objectType, w.objectId, w.keys);
          done.push(w);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          await recordWritebackFailure(this.sql, w.id, message);
          const log = w.attempts < MAX_ATTEMPTS_LOGGED ? this.logger.warn.bind(this.logger) : this.logger.debug.bind(this.logger);
          log({ err: message, objectType: w.objectType, objectId: w.objectId }, "license key write-back failed; will retry");
        }
      }));
    }
    if (done.length === 0) return;
    await deleteWrittenBack(this.sql, done);
  }
}
