import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { sqlOf, type Db } from "../db/client";
import type { Sql } from "../db/sql";
import { claimDueWritebacks, finishWritebacks, recordWritebackFailure, type ClaimedWriteback } from "../db/writeback-store";
import type { Logger } from "../logger";
import type { StripeAccess } from "../stripe/stripe-access";
import { queueRetryDelayMs } from "./backoff";
import { SweepLoop } from "./sweep-loop";

const BATCH = 200;
// A few writes in flight keep a backlog short; the per-account pace below keeps them under Stripe's limit.
const PARALLEL = 8;
// Long enough for a batch's Stripe calls; an instance that dies mid-write frees its rows after it.
export const WRITEBACK_LEASE_MS = 60_000;
// After the last attempt (see queueRetryDelayMs for the waits between them) the row is parked.
const MAX_ATTEMPTS = 12;

export interface WritebackOptions {
  /** Writes per second per account, by mode: Stripe allows 100/s live and 25/s in test, shared with the vendor's own calls. */
  ratePerSecond: { live: number; test: number };
}

export interface WritebackOutcome {
  written: number;
  failed: number;
  parked: number;
}

/** A refusal that a later attempt cannot change (the object is gone, the request is invalid). */
function isPermanent(err: unknown): boolean {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 && ![401, 403, 409, 429].includes(status);
}


/**
 * Writes license keys into Stripe metadata (subscription or payment intent) from the outbox, after the
 * transaction that made them committed. Each instance claims the rows it writes, so no two write one
 * object at once; writes are paced per account under Stripe's rate limit; a failed write is retried with
 * backoff and parked after its last attempt, or at once when Stripe refuses it for good.
 */
export class WritebackWorker {
  private readonly loop: SweepLoop;
  private readonly sql: Sql;
  private readonly pace: { live: RateLimiterMemory; test: RateLimiterMemory };

  constructor(
    db: Db,
    private readonly stripeAccess: StripeAccess,
    private readonly logger: Logger,
    options: WritebackOptions,
    private readonly onOutcome: (outcome: WritebackOutcome) => void = () => undefined,
  ) {
    this.sql = sqlOf(db);
    this.loop = new SweepLoop(() => this.flushDue(), (err) => this.logger.warn({ err }, "license key write-back run failed; will retry"));
    this.pace = {
      live: new RateLimiterMemory({ points: options.ratePerSecond.live, duration: 1 }),
      test: new RateLimiterMemory({ points: options.ratePerSecond.test, duration: 1 }),
    };
  }

  start(intervalMs: number): void {
    this.loop.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Writes every due write-back (see SweepLoop: a call during a run asks for one more after it; it never rejects). */
  flush(): Promise<void> {
    return this.loop.flush();
  }

  /** Waits until the account may make another write. */
  private async paced(w: ClaimedWriteback): Promise<void> {
    const limiter = w.livemode ? this.pace.live : this.pace.test;
    for (;;) {
      try {
        await limiter.consume(w.accountId);
        return;
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw res;
        await new Promise((r) => setTimeout(r, res.msBeforeNext));
      }
    }
  }

  private async write(w: ClaimedWriteback): Promise<"written" | "failed" | "parked"> {
    try {
      await this.paced(w);
      await this.stripeAccess.gatewayFor({ id: w.accountId, kind: w.kind, stripeAccountId: w.stripeAccountId }).writeLicenseKeys(w.objectType, w.objectId, w.keys);
      return "written";
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const park = isPermanent(err) || w.attempts + 1 >= MAX_ATTEMPTS;
      await recordWritebackFailure(this.sql, w.id, message, park ? null : new Date(Date.now() + queueRetryDelayMs(w.attempts + 1)));
      const log = park ? this.logger.error.bind(this.logger) : this.logger.warn.bind(this.logger);
      log(
        { err: message, objectType: w.objectType, objectId: w.objectId, attempts: w.attempts + 1 },
        park ? "license key write-back parked: retry it with the admin API or CLI once fixed" : "license key write-back failed; will retry",
      );
      return park ? "parked" : "failed";
    }
  }

  private async flushDue(): Promise<boolean> {
    const claimed = await claimDueWritebacks(this.sql, BATCH, WRITEBACK_LEASE_MS);
    const written: ClaimedWriteback[] = [];
    const outcome: WritebackOutcome = { written: 0, failed: 0, parked: 0 };
    for (let i = 0; i < claimed.length; i += PARALLEL) {
      await Promise.all(
        claimed.slice(i, i + PARALLEL).map(async (w) => {
          const result = await this.write(w);
          outcome[result]++;
          if (result === "written") written.push(w);
        }),
      );
    }
    if (written.length > 0) await finishWritebacks(this.sql, written);
    if (claimed.length > 0) this.onOutcome(outcome);
    return claimed.length === BATCH;
  }
}
