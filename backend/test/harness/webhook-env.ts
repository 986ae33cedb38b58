import type Stripe from "stripe";
import { loadConfig } from "../../src/config";
import type { Db } from "../../src/db/client";
import { StripeAccess } from "../../src/stripe/stripe-access";
import type { IngestDeps } from "../../src/ingest/run-event";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import type { StripeWorld } from "../fake-stripe/world";
import { startBackend, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, type BackendUnderTest } from "./backend";
import { createTestDatabase, type TestDatabase } from "./postgres";

/** One test file's world: a fake Stripe, its own database and the real backend in this process. */
export interface WebhookEnv {
  fake: FakeStripe;
  database: TestDatabase;
  backend: BackendUnderTest;
  /** What replaying needs, talking to the same fake Stripe as the server. */
  deps: IngestDeps;
  close(): Promise<void>;
}

/** `env` adds to or replaces the backend's test configuration. */
export async function startWebhookEnv(label: string, opts: { env?: Record<string, string> } = {}): Promise<WebhookEnv> {
  const fake = await startFakeStripe();
  const database = await createTestDatabase(label);
  const backend = await startBackend({ databaseUrl: database.url, stripeApiUrl: fake.url, ...(opts.env ? { env: opts.env } : {}) });
  const stripeAccess = new StripeAccess(
    loadConfig({ DATABASE_URL: database.url, STRIPE_SECRET_KEY: TEST_SECRET_KEY, STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_URL: fake.url }),
  );
  return {
    fake,
    database,
    backend,
    deps: { db: backend.db, stripeAccess },
    close: async () => {
      await backend.close();
      await fake.close();
      await database.drop();
    },
  };
}

/** The inbox row of one Stripe event. */
export function inboxRow(db: Db, accountId: string, stripeEventId: string) {
  return db.webhookEvent.findUniqueOrThrow({ where: { accountId_stripeEventId: { accountId, stripeEventId } } });
}

/** The same event under another id: what a second endpoint, or Stripe resending a purchase, delivers. */
export function withNewId<T extends Stripe.Event>(event: T, id: string): T {
  return { ...event, id };
}

/** The vendor edits a price's metadata in the Dashboard; later API reads see the new values. */
export function setPriceMetadata(world: StripeWorld, price: Stripe.Price, metadata: Stripe.Metadata): Stripe.Price {
  return world.scope.put("price", { ...price, metadata });
}

/** Polls until `probe` returns a value that is not undefined, or fails with what it last saw. */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const DAY_MS = 86_400_000;

/** A Stripe unix timestamp as the Date the database stores. */
export const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

/** `[type, causeId]` of each history line, oldest first. */
export function historyOf(license: { history: { type: string; causeId: string | null }[] }): [string, string | null][] {
  return license.history.map((h) => [h.type, h.causeId]);
}
