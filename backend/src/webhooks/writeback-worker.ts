import { sqlOf, type Db } from "../db/client";
import type { Sql } from "../db/sql";
import type { Logger } from "../logger";
import type { StripeAccess } from "../stripe/stripe-access";

const MAX_ATTEMPTS_LOGGED = 5;
const BATCH = 200;
// Stripe's rate limit is per account and generous; a few writes in flight keep a backlog short.
const PARALLEL = 8;

interface PendingWriteback {
  id: string;
  accountId: string;
  objectType: string;
  objectId: string;
  generation: number;
  attempts: number;
  kind: "SELF_HOSTED" | "CONNECTED";
  stripeAccountId: string | null;
  keys: string[];
}

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
    // One query for the batch and its keys, read in one snapshot with each row's generation.
    const pending = await this.sql.$queryRaw<PendingWriteback[]>`
      SELECT w.id, w."accountId", w."objectType", w."objectId", w.generation, w.attempts,
             a.kind::text AS kind, a."stripeAccountId",
             COALESCE((SELECT json_agg(l.key ORDER BY l."createdAt", l."unitIndex", l."bundleMemberCode")
                       FROM "License" l
                       WHERE l."accountId" = w."accountId"
                         AND ((w."objectType" = 'subscription' AND l."stripeSubscriptionId" = w."objectId")
                           OR (w."objectType" = 'payment_intent' AND l."stripePaymentIntentId" = w."objectId"))), '[]'::json) AS keys
      FROM "StripeWriteback" w JOIN "Account" a ON a.id = w."accountId"
      WHERE a.status = 'CONNECTED'
      ORDER BY w."updatedAt" LIMIT ${BATCH}`;
    const done: PendingWriteback[] = [];
    for (let i = 0; i < pending.length; i += PARALLEL) {
      await Promise.all(pending.slice(i, i + PARALLEL).map(async (w) => {
        try {
          await this.stripeAccess.gatewayFor(w).writeLicenseKeys(w.objectType as "subscription" | "payment_intent", w.objectId, w.keys);
          done.push(w);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          await this.sql.$executeRaw`UPDATE "StripeWriteback" SET attempts = attempts + 1, "lastError" = ${message} WHERE id = ${w.id}`;
          const log = w.attempts < MAX_ATTEMPTS_LOGGED ? this.logger.warn.bind(this.logger) : this.logger.debug.bind(this.logger);
          log({ err: message, objectType: w.objectType, objectId: w.objectId }, "license key write-back failed; will retry");
        }
      }));
    }
    if (done.length === 0) return;
    // A row whose generation moved on got new keys meanwhile: it stays for the next run.
    await this.sql.$executeRaw`
      DELETE FROM "StripeWriteback" w
      USING unnest(${done.map((d) => d.id)}::text[], ${done.map((d) => d.generation)}::int[]) AS v(id, generation)
      WHERE w.id = v.id AND w.generation = v.generation`;
  }
}
