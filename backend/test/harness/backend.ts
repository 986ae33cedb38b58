import type Stripe from "stripe";
import { loadConfig } from "../../src/config";
import type { Db } from "../../src/db/client";
import { createLogger } from "../../src/logger";
import { startServer, type RunningServer } from "../../src/server";
import { signEvent } from "../fake-stripe/sign";

export const TEST_SECRET_KEY = "sk_test_tessera";
/** The key stored secrets are sealed with in tests (32 bytes, hex). */
export const TEST_ENCRYPTION_KEY = "7e55e7a0".repeat(8);
export const TEST_WEBHOOK_SECRET = "whsec_tesseratest";

export interface BackendUnderTest extends RunningServer {
  accountId: string;
  /** Signs the event as Stripe would and POSTs it to /webhooks/stripe. */
  deliver(event: Stripe.Event): Promise<{ status: number; body: any }>;
}

/** The real server (config, database, HTTP) in this process, pointed at a fake Stripe. */
export async function startBackend(opts: { databaseUrl: string; stripeApiUrl: string; env?: Record<string, string> }): Promise<BackendUnderTest> {
  const config = loadConfig({
    DATABASE_URL: opts.databaseUrl,
    STRIPE_SECRET_KEY: TEST_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_API_URL: opts.stripeApiUrl,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    WRITEBACK_INTERVAL_MS: "200",
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...opts.env,
  });
  const server = await startServer(config, createLogger(config.logLevel));
  const account = await server.db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } });
  return {
    ...server,
    accountId: account.id,
    deliver: (event) => deliver(server.url, event),
  };
}

export async function deliver(url: string, event: Stripe.Event, secret = TEST_WEBHOOK_SECRET): Promise<{ status: number; body: any }> {
  const signed = signEvent(event, secret);
  const res = await fetch(`${url}/webhooks/stripe`, { method: "POST", headers: signed.headers, body: signed.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // non-JSON answers are asserted as text
  }
  return { status: res.status, body };
}

export async function deliverAll(backend: { deliver(e: Stripe.Event): Promise<{ status: number; body: any }> }, events: Stripe.Event[]) {
  const answers = [];
  for (const e of events) {
    const answer = await backend.deliver(e);
    if (answer.status !== 200) throw new Error(`${e.type} ${e.id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    answers.push(answer.body);
  }
  return answers;
}

/** Licenses of an account, ordered for stable comparisons, with their history. */
export function licensesOf(db: Db, accountId: string, where: object = {}) {
  return db.license.findMany({
    where: { accountId, ...where },
    orderBy: [{ stripeSubscriptionItemId: "asc" }, { sourceKey: "asc" }],
    include: { history: { orderBy: { createdAt: "asc" } } },
  });
}
