import { closeDb, createDb } from "../../src/db/client";
import { createApp } from "../../src/http/app";
import { createLogger } from "../../src/logger";
import { StripeAccess } from "../../src/stripe/stripe-access";
import { startBackend, type BackendUnderTest } from "../harness/backend";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { StripeWorld } from "../fake-stripe/world";

jest.setTimeout(60_000);

let fake: FakeStripe;
let database: TestDatabase;
let backend: BackendUnderTest;

beforeAll(async () => {
  fake = await startFakeStripe();
  database = await createTestDatabase("health");
  backend = await startBackend({ databaseUrl: database.url, stripeApiUrl: fake.url });
});

afterAll(async () => {
  await backend?.close();
  await fake?.close();
  await database?.drop();
});

test("GET /health reports the database as up, with its kind and latency, and a request id", async () => {
  const res = await fetch(`${backend.url}/health`);
  expect(res.status).toBe(200);
  expect(res.headers.get("x-request-id")).toMatch(/.+/);
  const body = (await res.json()) as { database: { latencyMs?: number; error?: string } };
  expect(body).toMatchObject({ status: "ok", database: { status: "up", kind: "postgresql" } });
  expect(typeof body.database.latencyMs).toBe("number");
});

test("GET /health answers 503 with the reason when the database cannot be reached", async () => {
  // Port 9 (discard) has no PostgreSQL: every query fails fast with a connection error.
  const db = createDb({ host: "127.0.0.1", port: 9, user: "postgres", database: "postgres", connectionTimeoutMillis: 2000 });
  const app = createApp({
    db,
    logger: createLogger("silent"),
    databaseKind: "postgresql",
    stripeAccess: new StripeAccess({ priceCacheTtlMs: 0 }),
    webhookSecrets: [],
    webhookMaxBytes: 1024,
    apiMaxBytes: 1024,
  });
  const res = await app.request("/health");
  expect(res.status).toBe(503);
  const body = (await res.json()) as { database: { latencyMs?: number; error?: string } };
  expect(body).toMatchObject({ status: "degraded", database: { status: "down", kind: "postgresql" } });
  expect(body.database.error).toEqual(expect.any(String));
  await closeDb(db).catch(() => undefined);
});

test("unknown routes answer a JSON 404 naming the route", async () => {
  const res = await fetch(`${backend.url}/nope`);
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ error: { code: "not_found", message: "No route for GET /nope" } });
});

test("GET /health/live answers while the process serves; /health/ready checks the database and its migrations", async () => {
  expect((await fetch(`${backend.url}/health/live`)).status).toBe(200);
  const ready = await fetch(`${backend.url}/health/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready" });

  await backend.db.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)`);
  try {
    const behind = await fetch(`${backend.url}/health/ready`);
    expect(behind.status).toBe(503);
    expect(await behind.json()).toMatchObject({ status: "not ready", reason: "1 migration(s) not applied" });
  } finally {
    await backend.db.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = NULL`);
  }
});

test("GET /metrics: webhook events by type and outcome with their timing, write-backs, the pool and the process; behind a token when one is set", async () => {
  const withToken = await startBackend({ databaseUrl: database.url, stripeApiUrl: fake.url, env: { METRICS_TOKEN: "metrics-token-0123456789" } });
  try {
    const world = new StripeWorld(fake.store, { name: "metrics" });
    const unknown = world.price({ product: world.product(), metadata: { size: "XL" } });
    await withToken.deliver(world.checkout({ customer: world.customer(), lines: [{ price: unknown }] }).events[0]!);

    expect((await fetch(`${withToken.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${withToken.url}/metrics`, { headers: { authorization: "Bearer metrics-token-0123456789" } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/tessera_webhook_events_total\{type="checkout.session.completed",outcome="IGNORED"\} 1/);
    expect(text).toMatch(/tessera_webhook_processing_seconds_count\{outcome="IGNORED"\} 1/);
    expect(text).toMatch(/tessera_writeback_backlog\{state="pending"\} \d+/);
    expect(text).toMatch(/tessera_outbound_backlog\{state="pending"\} \d+/);
    expect(text).toMatch(/tessera_db_pool_connections\{state="in_use"\} \d+/);
    expect(text).toMatch(/tessera_process_resident_memory_bytes \d+/);
  } finally {
    await withToken.close();
  }
});
