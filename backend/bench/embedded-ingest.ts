import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/db/open-database";
import { createLogger } from "../src/logger";
import { startFakeStripe } from "../test/fake-stripe/server";
import { signEvent } from "../test/fake-stripe/sign";
import { StripeWorld } from "../test/fake-stripe/world";
import { TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "../test/harness/backend";
import { spawnBackend } from "../test/harness/backend-process";
import { seedCatalog } from "../test/harness/catalog-seed";
import { eventually } from "../test/harness/webhook-env";
import type { Figure } from "./figure";
import { drive } from "./load";
import { BENCH_BACKEND_ENV, BENCH_NODE_ARGS } from "./rig";
import { firstInvoices } from "./webhook-ingest";

const EVENTS = Number(process.env.BENCH_EMBEDDED_EVENTS ?? 1000);
const CONCURRENCY = 16;

/**
 * `webhook_ingest_embedded`: the same `invoice.paid` events as webhook_ingest, 16 in flight, on the embedded
 * database `pnpm start` runs by default, timed until every key is written back; next to Tessera's own rate on
 * PostgreSQL in the same run (`postgresRate`), since the embedded database is the one that differs.
 */
export async function embeddedIngest(postgresRate: number): Promise<Figure> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tessera-bench-embedded-"));
  const fake = await startFakeStripe();
  const env = { ...BENCH_BACKEND_ENV, TESSERA_DATA_DIR: dataDir };
  try {
    // The first start creates the database and the operator's account; the catalog goes in while it is stopped.
    await (await spawnBackend({ stripeApiUrl: fake.url, env, startTimeoutMs: 120_000 })).stop();
    const opened = await openDatabase(loadConfig({ TESSERA_DATA_DIR: dataDir, STRIPE_SECRET_KEY: TEST_SECRET_KEY, STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET }), createLogger("silent"));
    try {
      const account = await opened.db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } });
      await seedCatalog(opened.db, account.id, { products: [{ shortCode: "BENCH", policies: [{ code: "std", isDefault: true }] }] });
    } finally {
      await opened.close();
    }
    const backend = await spawnBackend({ stripeApiUrl: fake.url, env, nodeArgs: BENCH_NODE_ARGS, startTimeoutMs: 120_000 });
    try {
      const world = new StripeWorld(fake.store, { name: "embedded" });
      const sign = (events: ReturnType<typeof firstInvoices>) => events.map((e) => signEvent(e, TEST_WEBHOOK_SECRET));
      const url = `${backend.url}/webhooks/stripe`;
      const written = (ids: string[]) =>
        eventually(() => (ids.every((id) => world.scope.get("subscription", id)?.metadata.license_keys) ? true : undefined), "every key written back", 120_000, 10);
      const warmup = firstInvoices(world, 200);
      await drive(url, sign(warmup), CONCURRENCY);
      const events = firstInvoices(world, EVENTS);
      const subscriptions = events.map((e) => (e.data.object as { parent: { subscription_details: { subscription: string } } }).parent.subscription_details.subscription);
      const started = performance.now();
      const run = await drive(url, sign(events), CONCURRENCY);
      await written(subscriptions);
      const seconds = (performance.now() - started) / 1000;
      if (run.failures > 0) throw new Error(`${run.failures} deliveries to the embedded database were not answered 200`);
      const rate = EVENTS / seconds;
      return { value: Math.round(rate), unit: "events/s", baseline: Math.round(postgresRate), ratio: Math.round((rate / postgresRate) * 100) / 100 };
    } finally {
      await backend.stop();
    }
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
