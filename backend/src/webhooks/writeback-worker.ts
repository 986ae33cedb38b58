import type { Db } from "../db/client";
import type { Logger } from "../logger";
import type { StripeAccess } from "../stripe/stripe-access";

const MAX_ATTEMPTS_LOGGED = 5;

/**
 * Writes license keys into Stripe metadata (subscription or payment intent) from the outbox, after the
 * transaction that made them committed. A failed write stays pending and is retried on the next sweep;
 * several instances may flush at once, which is harmless: each writes the full, current key list.
 */
export class WritebackWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly stripeAccess: StripeAccess,
    private readonly logger: Logger,
  ) {}

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
    const pending = await this.db.stripeWriteback.findMany({
      where: { pending: true, ...(accountId ? { accountId } : {}) },
      include: { account: { select: { kind: true, stripeAccountId: true, status: true } } },
      take: 100,
      orderBy: { updatedAt: "asc" },
    });
    for (const w of pending) {
      if (w.account.status === "DISCONNECTED") continue;
      try {
        const where = w.objectType === "subscription" ? { stripeSubscriptionId: w.objectId } : { stripePaymentIntentId: w.objectId };
        const licenses = await this.db.license.findMany({
          where: { accountId: w.accountId, ...where },
          select: { key: true },
          orderBy: [{ createdAt: "asc" }, { unitIndex: "asc" }, { bundleMemberCode: "asc" }],
        });
        await this.stripeAccess
          .gatewayFor(w.account)
          .writeLicenseKeys(w.objectType as "subscription" | "payment_intent", w.objectId, licenses.map((l) => l.key));
        await this.db.stripeWriteback.updateMany({
          where: { id: w.id, generation: w.generation },
          data: { pending: false, attempts: { increment: 1 }, lastError: null },
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await this.db.stripeWriteback.update({ where: { id: w.id }, data: { attempts: { increment: 1 }, lastError: message } });
        const log = w.attempts < MAX_ATTEMPTS_LOGGED ? this.logger.warn.bind(this.logger) : this.logger.debug.bind(this.logger);
        log({ err: message, objectType: w.objectType, objectId: w.objectId }, "license key write-back failed; will retry");
      }
    }
  }
}
