import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import { isPrivateAddress, literalAddress, publicOnlyLookup, RefusedAddressError } from "./url-guard";

export interface OutboundMessage {
  url: string;
  /** whsec_… of the endpoint. */
  secret: string;
  /** `webhook-id`: the same on every attempt of the message. */
  messageId: string;
  /** The JSON body, signed as it is sent. */
  body: string;
}

export interface SendOptions {
  timeoutMs: number;
  allowPrivateUrls: boolean;
}

/** What the endpoint answered: its status code, or why no answer came (timeout, refused address, network). */
export type SendResult = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

// Enough of an answer to show the vendor why their endpoint refused; the rest is not read.
const ANSWER_BYTES = 1024;

/** The Standard Webhooks headers of one attempt: the timestamp is the attempt's, so receivers can reject replays. */
export function signedHeaders(message: Pick<OutboundMessage, "secret" | "messageId" | "body">, at: Date): Record<string, string> {
  return {
    "webhook-id": message.messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(message.secret).sign(message.messageId, at, message.body),
  };
}

/** One attempt: POSTs the signed message and answers the status, or the error; never rejects. */
export function sendMessage(message: OutboundMessage, options: SendOptions): Promise<SendResult> {
  const url = new URL(message.url);
  const literal = literalAddress(url);
  if (!options.allowPrivateUrls && literal && isPrivateAddress(literal)) {
    return Promise.resolve({ ok: false, statusCode: null, error: new RefusedAddressError(url.hostname, literal).message });
  }
  const body = Buffer.from(message.body);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const req = transport.request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(body.length),
          "user-agent": "Tessera-Webhooks/1",
          ...signedHeaders(message, new Date()),
        },
        signal: AbortSignal.timeout(options.timeoutMs),
        // A connection of its own per attempt: nothing to a vendor's host stays open between attempts.
        agent: false,
        ...(options.allowPrivateUrls ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        let answer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (answer.length < ANSWER_BYTES) answer += chunk;
        });
        res.on("end", () => resolve(statusOf(res.statusCode ?? 0, answer)));
        res.on("error", () => resolve(statusOf(res.statusCode ?? 0, answer)));
      },
    );
    req.on("error", (err) => {
      const timedOut = err.name === "AbortError" || err.name === "TimeoutError";
      resolve({ ok: false, statusCode: null, error: timedOut ? `no answer within ${options.timeoutMs} ms` : err.message });
    });
    req.end(body);
  });
}

function statusOf(statusCode: number, answer: string): SendResult {
  if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode };
  return { ok: false, statusCode, error: `HTTP ${statusCode}${answer ? `: ${answer.slice(0, ANSWER_BYTES)}` : ""}` };
}
