import { sqlOf, type Db } from "../db/client";
import type { Sql } from "../db/sql";
import { Prisma } from "../generated/prisma/client";
import type { Logger } from "../logger";
import type { StripeAccess } from "../stripe/stripe-access";

const MAX_ATTEMPTS_LOGGED = 5;

interface PendingWriteback {
  id: string;
  accountId: string;
  objectType: string;
  objectId: string;
  generation: number;
  attempts: number;
  kind: "SELF_HOSTED" | "CONNECTED";
  stripeAccountId: string | null;
}

/**
 * Writes license keys into Stripe metadata (subscription or payment intent) from the outbox, after the
 * transaction that made them committed. A failed write stays pending and is retried on the next sweep;
 * several instances may flush at once, which is harmless: each writes the full, current key list.
 */
export class WritebackWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly sql: Sql;

  constructor(
    private readonly db: Db,
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

  /** Flushes pending writebacks (of one account, or all); concurrent calls share one run. */
  flush(accountId?: string): Promise<void> {
    if (!this.running) {
      this.running = this.flushPending(accountId).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async flushPending(accountId?: string): Promise<void> {
    // Plain SQL: under load this runs after nearly every event.
    const pending = await this.sql.$queryRaw<PendingWriteback[]>`
      SELECT w.id, w."accountId", w."objectType", w."objectId", w.generation, w.attempts,
             a.kind::text AS kind, a."stripeAccountId"
      FROM "StripeWriteback" w JOIN "Account" a ON a.id = w."accountId"
      WHERE w.pending AND a.status = 'CONNECTED' AND (${accountId ?? null}::text IS NULL OR w."accountId" = ${accountId ?? null})
      ORDER BY w."updatedAt" LIMIT 100`;
    for (const w of pending) {
      try {
        const column = w.objectType === "subscription" ? Prisma.sql`"stripeSubscriptionId"` : Prisma.sql`"stripePaymentIntentId"`;
        const licenses = await this.sql.$queryRaw<{ key: string }[]>`
          SELECT key FROM "License" WHERE "accountId" = ${w.accountId} AND ${column} = ${w.objectId}
          ORDER BY "createdAt", "unitIndex", "bundleMemberCode"`;
        await this.stripeAccess
          .gatewayFor(w)
          .writeLicenseKeys(w.objectType as "subscription" | "payment_intent", w.objectId, licenses.map((l) => l.key));
        await this.sql.$executeRaw`
          UPDATE "StripeWriteback" SET pending = false, attempts = attempts + 1, "lastError" = NULL
          WHERE id = ${w.id} AND generation = ${w.generation}`;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await this.sql.$executeRaw`UPDATE "StripeWriteback" SET attempts = attempts + 1, "lastError" = ${message} WHERE id = ${w.id}`;
        const log = w.attempts < MAX_ATTEMPTS_LOGGED ? this.logger.warn.bind(this.logger) : this.logger.debug.bind(this.logger);
        log({ err: message, objectType: w.objectType, objectId: w.objectId }, "license key write-back failed; will retry");
      }
    }
  }
}
