import { sqlOf, type Db } from "../db/client";
import { claimDueMails, markMailSent, recordMailFailure, type ClaimedMail } from "../db/mail-message-store";
import type { Sql } from "../db/sql";
import type { Logger } from "../logger";
import { renderLicenseMail } from "../mail/render-license-mail";
import { isPermanentRefusal, type MailSender } from "../mail/smtp-sender";
import { queueRetryDelayMs } from "./backoff";
import { SweepLoop } from "./sweep-loop";

const BATCH = 50;
// An SMTP server takes a few connections at once; more only queue there.
const PARALLEL = 4;
// Longer than an attempt can take (the sender's timeouts); an instance that dies mid-send frees its mails after it.
const LEASE_MS = 120_000;
// After the last attempt (see queueRetryDelayMs for the waits between them) the mail is FAILED.
export const MAIL_MAX_ATTEMPTS = 10;

export interface MailOutcome {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the license mails the License trigger queued. Each instance claims the mails it sends, so several
 * instances never send one twice; a failed attempt is retried with backoff and given up (FAILED, with the
 * reason) after the last one, or at once when the server refuses the mail for good. A run never rejects:
 * with the database or the SMTP server down it logs, and the next sweep tries again.
 */
export class MailWorker {
  private readonly loop: SweepLoop;
  private readonly sql: Sql;

  constructor(
    db: Db,
    private readonly sender: MailSender,
    private readonly logger: Logger,
    private readonly onOutcome: (outcome: MailOutcome) => void = () => undefined,
  ) {
    this.sql = sqlOf(db);
    this.loop = new SweepLoop(() => this.sendDue(), (err) => this.logger.warn({ err }, "license mail run failed; will retry"));
  }

  start(intervalMs: number): void {
    this.loop.start(intervalMs);
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    this.sender.close();
  }

  /** Sends every due mail; a call during a run asks for one more run after it. */
  flush(): Promise<void> {
    return this.loop.flush();
  }

  private async sendDue(): Promise<boolean> {
    const claimed = await claimDueMails(this.sql, BATCH, LEASE_MS);
    const outcome: MailOutcome = { sent: 0, retrying: 0, failed: 0 };
    for (let i = 0; i < claimed.length; i += PARALLEL) {
      await Promise.all(claimed.slice(i, i + PARALLEL).map(async (m) => outcome[await this.send(m)]++));
    }
    if (claimed.length > 0) this.onOutcome(outcome);
    return claimed.length === BATCH;
  }

  private async send(m: ClaimedMail): Promise<keyof MailOutcome> {
    if (!m.template) return this.giveUp(m, "The account's mail template was disabled or deleted before the mail was sent");
    if (m.licenses.length === 0) return this.giveUp(m, "The licenses of this mail no longer exist");
    const mail = renderLicenseMail(m.template, {
      customerName: m.customerName,
      customerEmail: m.toEmail,
      licenses: m.licenses.map((l) => ({ key: l.key, product: l.product, expiresAt: l.expiresAt ? new Date(l.expiresAt) : null })),
    });
    try {
      await this.sender.send({ to: m.toEmail, subject: mail.subject, text: mail.body });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (isPermanentRefusal(err) || m.attempts + 1 >= MAIL_MAX_ATTEMPTS) return this.giveUp(m, message);
      await recordMailFailure(this.sql, m.id, message, new Date(Date.now() + queueRetryDelayMs(m.attempts + 1)));
      this.logger.warn({ err: message, mail: m.id, attempts: m.attempts + 1 }, "license mail not sent; will retry");
      return "retrying";
    }
    await markMailSent(this.sql, m.id, mail);
    return "sent";
  }

  private async giveUp(m: ClaimedMail, reason: string): Promise<"failed"> {
    await recordMailFailure(this.sql, m.id, reason, null);
    this.logger.error({ err: reason, mail: m.id, attempts: m.attempts + 1 }, "license mail given up");
    return "failed";
  }
}
