import { createApiKey } from "../../src/api-keys/api-key-store";
import { closeDb, createDb, type Db } from "../../src/db/client";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { spawnBackend, type BackendProcess } from "../harness/backend-process";
import { seedCatalog } from "../harness/catalog-seed";
import { createTestDatabase, SERVER_URL, type TestDatabase } from "../harness/postgres";
import { startTcpProxy, type TcpProxy } from "../harness/tcp-proxy";
import { eventually } from "../harness/webhook-env";
import { startReceiver, type Receiver } from "../harness/webhook-receiver";

jest.setTimeout(120_000);

let fake: FakeStripe;
let database: TestDatabase;
let proxy: TcpProxy;
let backend: BackendProcess;
let db: Db;
let receiver: Receiver;

beforeAll(async () => {
  fake = await startFakeStripe();
  database = await createTestDatabase("outbound_database_loss");
  const server = new URL(SERVER_URL);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  // The backend reaches PostgreSQL through the proxy; the test's own client does not.
  backend = await spawnBackend({
    databaseUrl: proxy.urlFor(database.url),
    stripeApiUrl: fake.url,
    env: { WEBHOOK_ALLOW_PRIVATE_URLS: "true", WEBHOOK_DELIVERY_INTERVAL_MS: "100", WEBHOOK_RETRY_BASE_MS: "200", WEBHOOK_TIMEOUT_MS: "1000", DATABASE_TIMEOUT_MS: "1000" },
  });
  db = createDb({ connectionString: database.url });
  receiver = await startReceiver();
});

afterAll(async () => {
  await backend?.stop();
  if (db) await closeDb(db);
  await proxy?.close();
  await fake?.close();
  await database?.drop();
  await receiver?.close();
});

test("the delivery worker outlives a lost database and delivers once it is back", async () => {
  const accountId = (await db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } })).id;
  await seedCatalog(db, accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
  const api = adminClient(backend.url, (await createApiKey(db, accountId, "loss")).token);
  const endpoint = (await api.post("/admin/webhook-endpoints", { url: `${receiver.url}/hook` })).body as { id: string };
  // The endpoint refuses until the database has been gone for a while, so the worker keeps coming back.
  let refusing = true;
  receiver.answer = () => (refusing ? 503 : 200);

  const world = new StripeWorld(fake.store, { name: "outloss" });
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  await deliverAll(backend, world.checkout({ customer: world.customer(), lines: [{ price, quantity: 1 }] }).events);
  await eventually(() => (receiver.at("/hook").length >= 1 ? true : undefined), "a first attempt");

  proxy.cut();
  await proxy.refuse();
  await new Promise((r) => setTimeout(r, 3000));
  expect(backend.alive()).toBe(true);
  refusing = false;
  await proxy.restore();

  const delivery = await eventually(
    async () => {
      const row = await db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id } });
      return row?.status === "DELIVERED" ? row : undefined;
    },
    "the delivery DELIVERED after the outage",
    30_000,
  );
  expect(backend.alive()).toBe(true);
  // An attempt sent while its result could not be recorded is sent again once its lease ends: at least once, never lost.
  expect(receiver.at("/hook").length).toBeGreaterThanOrEqual(delivery.attempts);
  expect(backend.output()).toMatch(/outbound webhook run failed; will retry/);
});
