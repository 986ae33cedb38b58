import { closeDb, createDb } from "../../src/db/client";
import { createApp } from "../../src/http/app";
import { createLogger } from "../../src/logger";
import { StripeAccess } from "../../src/stripe/stripe-access";
import { startBackend, type BackendUnderTest } from "../harness/backend";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";

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
