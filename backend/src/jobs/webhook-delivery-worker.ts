import type { SecretBox } from "../crypto/secret-box";
import { sqlOf, type Db } from "../db/client";
import type { Sql } from "../db/sql";
import { claimDueDeliveries, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from "../db/webhook-delivery-store";
import type { Logger } from "../logger";
import { openEndpointSecret } from "../outbound/endpoint-secret";
import { retryDelayMs, wasLastAttempt, type RetrySchedule } from "../outbound/retry-schedule";
import { sendMessage } from "../outbound/send-message";
import { SweepLoop } from "./sweep-loop";

const BATCH = 100;
// Endpoints answer slowly; a few at once keep one slow vendor from holding everyone's messages.
const PARALLEL = 8;
// Beyond the request's own timeout: the lease outlives any attempt, so no other instance sends it meanwhile.
const LEASE_MARGIN_MS = 10_000;

export interface DeliveryOptions {
  timeoutMs: number;
  allowPrivateUrls: boolean;
  schedule: RetrySchedule;
}

/**
 * Sends the license events queued for vendors' endpoints, signed (Standard Webhooks). Each instance claims
 * the deliveries it sends with a lease, so two instances never send one attempt; a 2xx answer delivers, any
 * other answer or none is retried with backoff and FAILED after the last attempt.
 */
export class WebhookDeliveryWorker {
  private readonly loop: SweepLoop;
  private readonly sql: Sql;

  constructor(
    db: Db,
    private readonly box: SecretBox,
    private readonly logger: Logger,
    private readonly options: DeliveryOptions,
    private readonly onAttempt: (result: AttemptOutcome["result"]) => void = () => undefined,
  ) {
    this.sql = sqlOf(db);
    this.loop = new SweepLoop(() => this.sendDue(), (err) => this.logger.warn({ err }, "outbound webhook run failed; will retry"));
  }

  start(intervalMs: number): void {
    this.loop.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Sends every due delivery; never rejects (a run that fails, e.g. the database is gone, is logged and the next tick tries again). */
  flush(): Promise<void> {
    return this.loop.flush();
  }

  private async sendDue(): Promise<boolean> {
    const claimed = await claimDueDeliveries(this.sql, BATCH, this.options.timeoutMs + LEASE_MARGIN_MS);
    for (let i = 0; i < claimed.length; i += PARALLEL) {
      await Promise.all(claimed.slice(i, i + PARALLEL).map((d) => this.attempt(d)));
    }
    return claimed.length === BATCH;
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const attempt = d.attempts + 1;
    let outcome: AttemptOutcome;
    try {
      const secret = openEndpointSecret(this.box, d.endpointId, d.secretEnc);
      const sent = await sendMessage({ url: d.url, secret, messageId: d.messageId, body: d.payload }, this.options);
      outcome = sent.ok ? { result: "delivered", statusCode: sent.statusCode } : this.failure(attempt, sent.statusCode, sent.error);
    } catch (err) {
      outcome = this.failure(attempt, null, err instanceof Error ? err.message : String(err));
    }
    await recordAttempt(this.sql, d, outcome);
    this.onAttempt(outcome.result);
    if (outcome.result !== "delivered") {
      const log = outcome.result === "failed" ? this.logger.error.bind(this.logger) : this.logger.warn.bind(this.logger);
      log(
        { messageId: d.messageId, endpointId: d.endpointId, attempt, err: outcome.error },
        outcome.result === "failed" ? "outbound webhook failed on its last attempt: resend it once the endpoint is fixed" : "outbound webhook attempt failed; will retry",
      );
    }
  }

  private failure(attempt: number, statusCode: number | null, error: string): AttemptOutcome {
    const { schedule } = this.options;
    if (wasLastAttempt(schedule, attempt)) return { result: "failed", statusCode, error };
    return { result: "retry", statusCode, error, retryAt: new Date(Date.now() + retryDelayMs(schedule, attempt)) };
  }
}
