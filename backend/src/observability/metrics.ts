import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Pool } from "pg";

/** What the metrics read when they are scraped. */
export interface MetricSources {
  pool: Pool;
  /** Write-backs owed to Stripe, and how many of them are parked. */
  writebackBacklog(): Promise<{ pending: number; parked: number }>;
  /** Outbound webhook deliveries still to be sent, and those that failed on their last attempt. */
  outboundBacklog(): Promise<{ pending: number; failed: number }>;
}

/**
 * The service's Prometheus metrics, in a registry of its own (several servers may share a process in
 * tests): webhook events by type and outcome with their processing time, key write-backs, license mails, outbound
 * webhooks, the database pool, and Node's process metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly webhookEvents: Counter<"type" | "outcome">;
  readonly webhookSeconds: Histogram<"outcome">;
  readonly writebacks: Counter<"result">;
  readonly mails: Counter<"result">;
  readonly outboundAttempts: Counter<"result">;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "tessera_" });
    this.webhookEvents = new Counter({
      name: "tessera_webhook_events_total",
      help: "Stripe events received, by type and outcome (PROCESSED, IGNORED, FAILED, DUPLICATE, UNROUTED, or error when answered 5xx)",
      labelNames: ["type", "outcome"],
      registers,
    });
    this.webhookSeconds = new Histogram({
      name: "tessera_webhook_processing_seconds",
      help: "Time from a verified delivery to its answer",
      labelNames: ["outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.writebacks = new Counter({
      name: "tessera_writeback_attempts_total",
      help: "License key write-backs to Stripe, by result (written, failed and retried later, parked)",
      labelNames: ["result"],
      registers,
    });
    this.mails = new Counter({
      name: "tessera_license_mail_attempts_total",
      help: "License mails sent, by result (sent, retrying: not sent and tried again later, failed: given up)",
      labelNames: ["result"],
      registers,
    });
    new Gauge({
      name: "tessera_writeback_backlog",
      help: "License key write-backs still owed to Stripe, by state (pending, parked)",
      labelNames: ["state"],
      registers,
      async collect() {
        const backlog = await sources.writebackBacklog().catch(() => null);
        if (!backlog) return;
        this.set({ state: "pending" }, backlog.pending);
        this.set({ state: "parked" }, backlog.parked);
      },
    });
    this.outboundAttempts = new Counter({
      name: "tessera_outbound_attempts_total",
      help: "Outbound webhook attempts, by result (delivered, retry: failed and due again later, failed: the last attempt failed)",
      labelNames: ["result"],
      registers,
    });
    new Gauge({
      name: "tessera_outbound_backlog",
      help: "Outbound webhook deliveries by state (pending: still to be sent, failed: gave up, waiting for a resend)",
      labelNames: ["state"],
      registers,
      async collect() {
        const backlog = await sources.outboundBacklog().catch(() => null);
        if (!backlog) return;
        this.set({ state: "pending" }, backlog.pending);
        this.set({ state: "failed" }, backlog.failed);
      },
    });
    new Gauge({
      name: "tessera_db_pool_connections",
      help: "Database pool connections: total open, idle, and requests waiting for one",
      labelNames: ["state"],
      registers,
      collect() {
        this.set({ state: "total" }, sources.pool.totalCount);
        this.set({ state: "idle" }, sources.pool.idleCount);
        this.set({ state: "in_use" }, sources.pool.totalCount - sources.pool.idleCount);
        this.set({ state: "waiting" }, sources.pool.waitingCount);
      },
    });
  }
}
