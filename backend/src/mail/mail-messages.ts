import type { MailMessage, MailMessageQuery } from "@tessera/shared";
import { sqlOf, type Db } from "../db/client";
import { recentMails, retryFailedMail } from "../db/mail-message-store";
import { NotFoundError } from "../errors";

// License mails as the admin API lists them, and a given-up one sent again once its cause is fixed.

export async function listMailMessages(db: Db, accountId: string, query: MailMessageQuery): Promise<MailMessage[]> {
  const rows = await recentMails(sqlOf(db), accountId, query.status, query.limit);
  return rows.map((m) => ({
    id: m.id,
    to: m.toEmail,
    purchase: m.purchase,
    licenseIds: m.licenseIds,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    nextAttemptAt: m.status === "PENDING" ? m.nextAttemptAt.toISOString() : null,
    subject: m.subject,
    sentAt: m.sentAt ? m.sentAt.toISOString() : null,
    createdAt: m.createdAt.toISOString(),
  }));
}

/** The worker sends it on its next run, with the template as it is then. */
export async function retryMailMessage(db: Db, accountId: string, id: string): Promise<void> {
  if (!(await retryFailedMail(sqlOf(db), accountId, id))) throw new NotFoundError(`No failed mail ${id}`);
}
