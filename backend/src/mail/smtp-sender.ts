import nodemailer, { type Transporter } from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends one mail; rejects when the server did not take it. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

// Bounded so a stalled server fails the attempt well within the worker's lease.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** Mail through the SMTP server of `SMTP_URL` (smtp:// or smtps://, credentials in the URL), from `MAIL_FROM`. */
export function smtpSender(smtpUrl: URL, from: string): MailSender {
  const transport: Transporter = nodemailer.createTransport(smtpUrl.toString(), { from, ...TIMEOUTS });
  return {
    async send(mail) {
      await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}

/**
 * The server refused the mail for good (an SMTP 5xx reply, e.g. no such mailbox): trying again would be
 * refused again. Connection failures and 4xx replies are worth another attempt.
 */
export function isPermanentRefusal(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}
