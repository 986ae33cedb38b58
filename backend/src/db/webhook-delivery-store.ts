import type { Db } from "./client";
import type { Sql } from "./sql";

// The one module that writes WebhookDelivery rows after they are queued. They are queued by the trigger on
// LicenseEvent (migration 20261206160000_outbound_webhooks), in the transaction of the license change.

export interface DeliveryRow {
  id: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const PUBLIC = {
  id: true,
  endpointId: true,
  messageId: true,
  eventType: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastError: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
} as const;

/** A page of an endpoint's deliveries, newest first, after `after` (the last row of the previous page). */
export async function deliveriesOf(db: Db, accountId: string, endpointId: string, after: { createdAt: Date; id: string } | null, limit: number) {
  const rows: DeliveryRow[] = await db.webhookDelivery.findMany({
    where: {
      accountId,
      endpointId,
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: PUBLIC,
  });
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * The delivery goes out again with the same `webhook-id`: a finished one (DELIVERED or FAILED) is due now
 * with a fresh count of attempts; a pending one is due now, unless an instance is sending it this moment.
 * Null when the account has no such delivery.
 */
export async function resendDeliveryNow(sql: Sql, accountId: string, id: string): Promise<DeliveryRow | null> {
  const rows = await sql.$queryRaw<DeliveryRow[]>`
    UPDATE "WebhookDelivery" SET
      attempts = CASE WHEN status = 'PENDING' THEN attempts ELSE 0 END,
      status = 'PENDING', "nextAttemptAt" = now(), "deliveredAt" = NULL
    WHERE id = ${id} AND "accountId" = ${accountId}
    RETURNING id, "endpointId", "messageId", "eventType", status::text AS status, attempts, "lastStatusCode", "lastError",
      "nextAttemptAt", "deliveredAt", "createdAt"`;
  return rows[0] ?? null;
}

export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  messageId: string;
  /** The body exactly as every attempt sends it. */
  payload: string;
  attempts: number;
  url: string;
  secretEnc: string;
}

/**
 * Claims up to `limit` due deliveries for `leaseMs`. Rows another instance holds are skipped (SKIP LOCKED,
 * then the lease), so no attempt is sent by two instances. Deliveries of a disabled endpoint, or of a
 * disconnected account, wait.
 */
export function claimDueDeliveries(sql: Sql, limit: number, leaseMs: number): PromiseLike<ClaimedDelivery[]> {
  return sql.$queryRaw<ClaimedDelivery[]>`
    WITH due AS (
      SELECT d.id FROM "WebhookDelivery" d
      JOIN "WebhookEndpoint" w ON w.id = d."endpointId"
      JOIN "Account" a ON a.id = d."accountId"
      WHERE d.status = 'PENDING' AND d."nextAttemptAt" <= now()
        AND (d."claimedUntil" IS NULL OR d."claimedUntil" < now())
        AND w.enabled AND a.status = 'CONNECTED'
      ORDER BY d."nextAttemptAt" LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "WebhookDelivery" d SET "claimedUntil" = now() + ${leaseMs} * interval '1 millisecond'
    FROM due, "WebhookEndpoint" w
    WHERE d.id = due.id AND w.id = d."endpointId"
    RETURNING d.id, d."endpointId", d."messageId", d.payload::text AS payload, d.attempts, w.url, w."secretEnc"`;
}

export type AttemptOutcome =
  | { result: "delivered"; statusCode: number }
  | { result: "retry"; statusCode: number | null; error: string; retryAt: Date }
  | { result: "failed"; statusCode: number | null; error: string };

/** Records the attempt of a claimed delivery and releases it; only the claim that sent the attempt counts. */
export async function recordAttempt(sql: Sql, claimed: { id: string; attempts: number }, outcome: AttemptOutcome): Promise<void> {
  const status = outcome.result === "delivered" ? "DELIVERED" : outcome.result === "failed" ? "FAILED" : "PENDING";
  const error = outcome.result === "delivered" ? null : outcome.error;
  const retryAt = outcome.result === "retry" ? outcome.retryAt : null;
  await sql.$executeRaw`
    UPDATE "WebhookDelivery" SET attempts = attempts + 1, status = ${status}::"WebhookDeliveryStatus",
      "lastStatusCode" = ${outcome.statusCode}::int, "lastError" = ${error}::text, "claimedUntil" = NULL,
      "nextAttemptAt" = ${retryAt}::timestamptz,
      "deliveredAt" = CASE WHEN ${status} = 'DELIVERED' THEN now() ELSE NULL END
    WHERE id = ${claimed.id} AND attempts = ${claimed.attempts} AND status = 'PENDING'`;
}

/** How many deliveries are still to be sent, and how many failed for good (for /metrics). */
export async function deliveryBacklog(sql: Sql): Promise<{ pending: number; failed: number }> {
  const rows = await sql.$queryRaw<{ pending: number; failed: number }[]>`
    SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*) FILTER (WHERE status = 'FAILED')::int AS failed
    FROM "WebhookDelivery" WHERE status <> 'DELIVERED'`;
  return rows[0] ?? { pending: 0, failed: 0 };
}
