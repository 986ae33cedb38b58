import type { Sql } from "./sql";

// The one module that writes MailMessage rows, apart from the trigger that queues them with new licenses
// (migration license_mail): the queue of license mails.

export interface ClaimedMail {
  id: string;
  accountId: string;
  toEmail: string;
  attempts: number;
  /** The account's enabled template now; null when it was disabled or deleted since the mail was queued. */
  template: { subject: string; body: string } | null;
  customerName: string | null;
  /** In the order they were made; expiresAt as JSON gives it. */
  licenses: { key: string; product: string; expiresAt: string | null }[];
}

/**
 * Claims up to `limit` mails that are due, for `leaseMs`, with what rendering them needs, in one statement.
 * Rows another instance holds are skipped (SKIP LOCKED, then the lease), so no two instances send one mail.
 */
export function claimDueMails(sql: Sql, limit: number, leaseMs: number): PromiseLike<ClaimedMail[]> {
  return sql.$queryRaw<ClaimedMail[]>`
    WITH due AS (
      SELECT id FROM "MailMessage"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= now() AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "MailMessage" m SET "claimedUntil" = now() + ${leaseMs} * interval '1 millisecond', "updatedAt" = now()
    FROM due WHERE m.id = due.id
    RETURNING m.id, m."accountId", m."toEmail", m.attempts,
      (SELECT json_build_object('subject', t.subject, 'body', t.body) FROM "MailTemplate" t
        WHERE t."accountId" = m."accountId" AND t.enabled) AS template,
      (SELECT c.name FROM "License" l JOIN "Customer" c ON c.id = l."customerId" WHERE l.id = m."licenseIds"[1]) AS "customerName",
      COALESCE((SELECT json_agg(json_build_object('key', l.key, 'product', COALESCE(p.name, b.name, ''), 'expiresAt', l."expiresAt")
                                ORDER BY array_position(m."licenseIds", l.id))
                FROM "License" l LEFT JOIN "Product" p ON p.id = l."productId" LEFT JOIN "Bundle" b ON b.id = l."bundleId"
                WHERE l.id = ANY(m."licenseIds") AND l."accountId" = m."accountId"), '[]'::json) AS licenses`;
}

/** Sent: kept with what was sent, for the record. */
export async function markMailSent(sql: Sql, id: string, sent: { subject: string; body: string }): Promise<void> {
  await sql.$executeRaw`
    UPDATE "MailMessage" SET status = 'SENT', subject = ${sent.subject}, body = ${sent.body}, "sentAt" = now(),
      attempts = attempts + 1, "claimedUntil" = NULL, "lastError" = NULL, "updatedAt" = now()
    WHERE id = ${id}`;
}

/** A failed attempt waits until `retryAt`; with `retryAt` null the mail is given up (FAILED). */
export async function recordMailFailure(sql: Sql, id: string, message: string, retryAt: Date | null): Promise<void> {
  await sql.$executeRaw`
    UPDATE "MailMessage" SET attempts = attempts + 1, "lastError" = ${message}, "claimedUntil" = NULL,
      "nextAttemptAt" = COALESCE(${retryAt}::timestamptz, "nextAttemptAt"),
      status = CASE WHEN ${retryAt}::timestamptz IS NULL THEN 'FAILED'::"MailStatus" ELSE status END, "updatedAt" = now()
    WHERE id = ${id}`;
}

/** The account's newest mails, of one status or all. */
export function recentMails(sql: Sql, accountId: string, status: "PENDING" | "SENT" | "FAILED" | undefined, limit: number) {
  return sql.$queryRaw<
    {
      id: string;
      toEmail: string;
      purchase: string;
      licenseIds: string[];
      status: "PENDING" | "SENT" | "FAILED";
      attempts: number;
      lastError: string | null;
      nextAttemptAt: Date;
      subject: string | null;
      sentAt: Date | null;
      createdAt: Date;
    }[]
  >`
    SELECT id, "toEmail", purchase, "licenseIds", status::text AS status, attempts, "lastError", "nextAttemptAt", subject, "sentAt", "createdAt"
    FROM "MailMessage"
    WHERE "accountId" = ${accountId} AND (${status ?? null}::text IS NULL OR status::text = ${status ?? null}::text)
    ORDER BY "createdAt" DESC, id DESC LIMIT ${limit}`;
}

/** A given-up mail is due again now, with a fresh count of attempts; false when the account has no such FAILED mail. */
export async function retryFailedMail(sql: Sql, accountId: string, id: string): Promise<boolean> {
  const n = await sql.$executeRaw`
    UPDATE "MailMessage" SET status = 'PENDING', attempts = 0, "nextAttemptAt" = now(), "updatedAt" = now()
    WHERE id = ${id} AND "accountId" = ${accountId} AND status = 'FAILED'`;
  return n > 0;
}
