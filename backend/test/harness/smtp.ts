import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as it came over the wire: headers, a blank line, the body. */
  raw: string;
}

export interface LocalSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A local SMTP server that keeps every mail it takes; `port` 0 picks a free one. No TLS, no login.
 * `refuse` answers a recipient with an SMTP reply code (e.g. 550, no such mailbox) instead of taking it.
 */
export async function startSmtpServer(port = 0, received: ReceivedMail[] = [], refuse?: (to: string) => number | null): Promise<LocalSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, done) {
      const code = refuse?.(address.address);
      if (code) return done(Object.assign(new Error(`Refused ${address.address}`), { responseCode: code }));
      done();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The header's value (unfolded) and the body of a received mail. */
export function partsOf(mail: ReceivedMail): { header(name: string): string | undefined; body: string } {
  const split = mail.raw.indexOf("\r\n\r\n");
  const head = mail.raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = mail.raw.slice(split + 4).replace(/\r\n/g, "\n").replace(/\n$/, "");
  return {
    header: (name) => head.split("\r\n").find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim(),
    body,
  };
}
