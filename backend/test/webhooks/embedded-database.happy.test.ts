import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import { startServer, type RunningServer } from "../../src/server";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { StripeWorld } from "../fake-stripe/world";
import { deliver, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";

// `pnpm start` runs on PGlite: the webhook engine's plain-SQL path must work there as on PostgreSQL.
jest.setTimeout(120_000);

let dataDir: string;
let fake: FakeStripe;
let server: RunningServer;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "tessera-embedded-"));
  fake = await startFakeStripe();
  const config = loadConfig({
    TESSERA_DATA_DIR: dataDir,
    STRIPE_SECRET_KEY: TEST_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_API_URL: fake.url,
    HOST: "127.0.0.1",
    PORT: "0",
  });
  server = await startServer(config, createLogger(process.env.TEST_LOG_LEVEL ?? "silent"));
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a subscription's events make, renew and end its licenses on the embedded database", async () => {
  const account = await server.db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } });
  await seedCatalog(server.db, account.id, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 3 }] }] });
  const w = new StripeWorld(fake.store, { name: "embedded" });
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const start = w.subscribe({ customer: w.customer(), items: [{ price, quantity: 2 }] });
  const renewal = w.renew(start.subscription);
  const end = w.deleteSubscription(start.subscription);
  for (const event of [...start.events, ...renewal.events, ...end.events]) {
    const answer = await deliver(server.url, event);
    expect([answer.status, answer.body.status]).toEqual([200, "PROCESSED"]);
  }
  const licenses = await server.db.license.findMany({ where: { stripeSubscriptionId: start.subscription.id }, include: { history: true } });
  expect(licenses).toHaveLength(2);
  for (const l of licenses) {
    expect(l).toMatchObject({ status: "DISABLED", disabledReason: "subscription canceled", maxActivations: 3 });
    expect(l.expiresAt).toEqual(new Date(renewal.subscription.items.data[0]!.current_period_end * 1000));
    expect(l.history.map((h) => h.type).sort()).toEqual(["CREATED", "DISABLED", "EXPIRY_CHANGED"]);
  }
});
