import http from "node:http";
import type Stripe from "stripe";
import { createApiKey } from "../../src/api-keys/api-key-store";
import { closeDb, createDb, type Db } from "../../src/db/client";
import { FakeStore } from "../fake-stripe/store";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { signEvent, signPayload, type SignedDelivery } from "../fake-stripe/sign";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, type AdminClient } from "../harness/admin";
import { TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "../harness/backend";
import { runBackendToExit, spawnBackend, type BackendProcess, type ProcessEnd } from "../harness/backend-process";
import { seedCatalog } from "../harness/catalog-seed";
import { report } from "../harness/load";
import { createTestDatabase, SERVER_URL, type TestDatabase } from "../harness/postgres";
import { memoryOf, resetPeakMemory } from "../harness/proc";
import { startTcpProxy } from "../harness/tcp-proxy";
import { eventually } from "../harness/webhook-env";

// Scenario 5: hostile or merely odd input through HTTP, to a backend process on PostgreSQL. Nothing is
// ever answered 500, nothing is half-written, and the process outlives all of it.
jest.setTimeout(180_000);

let fake: FakeStripe;
let database: TestDatabase;
let backend: BackendProcess;
let ended: ProcessEnd | null = null;
let db: Db;
let accountId: string;
let admin: AdminClient;
let token: string;
let price: Stripe.Price;
let recurring: Stripe.Price;
let worlds = 0;

beforeAll(async () => {
  fake = await startFakeStripe();
  database = await createTestDatabase("rel_hostile");
  backend = await spawnBackend({ databaseUrl: database.url, stripeApiUrl: fake.url });
  void backend.exited.then((end) => (ended = end));
  db = createDb({ connectionString: database.url });
  accountId = (await db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } })).id;
  await seedCatalog(db, accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }] });
  token = (await createApiKey(db, accountId, "hostile")).token;
  admin = adminClient(backend.url, token);
  const shop = new StripeWorld(fake.store, { name: "hostileshop" });
  price = shop.price({ product: shop.product(), metadata: { short_code: "APP" } });
  recurring = shop.price({ product: shop.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
});

afterAll(async () => {
  // What the server logged as unhandled errors (the 500s above), one line each, for the report.
  const errors = (backend?.output() ?? "")
    .split("\n")
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line);
        return entry.msg === "unhandled error" ? [String(entry.err?.message ?? "").split("\n").find((l: string) => l.trim()) ?? ""] : [];
      } catch {
        return [];
      }
    });
  report("errors the hostile-input backend logged (scenario 5)", Object.fromEntries([...new Set(errors)].map((e, i) => [`error ${i + 1}`, e.slice(0, 300)])));
  await backend?.stop();
  if (db) await closeDb(db);
  await fake?.close();
  await database?.drop();
});

const world = (store: FakeStore = fake.store, name = `hostile${++worlds}`) => new StripeWorld(store, { name });

/** A paid one-off checkout of `quantity` licensed units, in its own world. */
function purchase(quantity = 1) {
  const w = world();
  return w.checkout({ customer: w.customer(), lines: [{ price, quantity }] });
}

async function post(signed: SignedDelivery): Promise<{ status: number; body: any }> {
  const res = await fetch(`${backend.url}/webhooks/stripe`, { method: "POST", headers: signed.headers, body: signed.body });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

const send = (event: object) => post(signEvent(event, TEST_WEBHOOK_SECRET));

/** The event's inbox rows (none, or the one it was recorded in). */
const inboxRows = (eventId: string) => db.webhookEvent.findMany({ where: { stripeEventId: eventId } });
const licensesOfSession = (sessionId: string) => db.license.count({ where: { stripeCheckoutSessionId: sessionId } });

/** A copy of the event that a test may change (world objects are frozen). */
const editable = <T>(event: T): any => JSON.parse(JSON.stringify(event));

/** Refused before anything is stored: no inbox row, no unrouted row. */
async function expectNothingStored(eventId: string) {
  expect(await inboxRows(eventId)).toEqual([]);
  expect(await db.unroutedWebhookEvent.count({ where: { stripeEventId: eventId } })).toBe(0);
}

/** Answered 200 and recorded once as FAILED with that code; no license from the session. */
async function expectFailedRow(answer: { status: number; body: any }, eventId: string, errorCode: string) {
  expect({ status: answer.status, answer: answer.body?.status, errorCode: answer.body?.errorCode }).toEqual({ status: 200, answer: "FAILED", errorCode });
  const rows = await inboxRows(eventId);
  expect(rows.map((r) => [r.status, r.errorCode])).toEqual([["FAILED", errorCode]]);
  return rows[0]!;
}

describe("webhook bodies", () => {
  test.each([
    ["a NUL character in a metadata value", "metadata", { note: "before\u0000after" }, "data.object.metadata.note", /NUL/],
    ["a NUL character in the customer's name", "customer_details", { email: "buyer@example.com", name: "Bob\u0000" }, "data.object.customer_details.name", /NUL/],
    ["a lone surrogate in a metadata value", "metadata", { note: "half \ud800 a pair" }, "data.object.metadata.note", /surrogate|UTF-?16|unpaired/i],
  ])("%s: 200, recorded FAILED with INVALID_PAYLOAD naming where, no license", async (_name, field, value, where, problem) => {
    const bought = purchase(2);
    const event = editable(bought.events[0]);
    event.data.object[field] = value;
    const answer = await send(event);
    const row = await expectFailedRow(answer, event.id, "INVALID_PAYLOAD");
    expect(row.outcome).toContain(where);
    expect(row.outcome).toMatch(problem);
    expect(await licensesOfSession(bought.session.id)).toBe(0);
  });

  test("a body nesting 100,000 levels deep inside data.object: 400 saying it nests too deep, nothing stored", async () => {
    const event = editable(purchase().events[0]);
    event.data.object.metadata = { deep: "__DEEP__" };
    const body = JSON.stringify(event).replace('"__DEEP__"', `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    const started = performance.now();
    const answer = await post(signPayload(body, TEST_WEBHOOK_SECRET));
    report("deep nesting (scenario 5)", { bytes: body.length, status: answer.status, ms: Math.round(performance.now() - started) });
    expect(answer.status).toBe(400);
    expect(answer.body?.error?.message).toMatch(/nest|deep/i);
    await expectNothingStored(event.id);
  });

  test("created at or past 9e12: 400 Not a Stripe event, nothing stored", async () => {
    const event = editable(purchase().events[0]);
    event.created = 9e12;
    const answer = await send(event);
    expect(answer.status).toBe(400);
    expect(answer.body?.error?.message).toMatch(/^Not a Stripe event: .*created/);
    await expectNothingStored(event.id);
  });

  test("a checkout whose line items Stripe does not have (404): 200 FAILED STRIPE_OBJECT_MISSING naming the session; replayable once it exists", async () => {
    const name = `foreign${++worlds}`;
    const buy = (w: StripeWorld) => w.checkout({ customer: w.customer(), lines: [{ price: w.price({ product: w.product(), metadata: { short_code: "APP" } }), quantity: 2 }] });
    const foreign = buy(world(new FakeStore(), name));
    const [event] = foreign.events;
    const answer = await send(event!);
    const row = await expectFailedRow(answer, event!.id, "STRIPE_OBJECT_MISSING");
    expect(row.outcome).toContain(foreign.session.id);
    expect(await licensesOfSession(foreign.session.id)).toBe(0);

    // The same session now exists where the backend looks: the failed event replays into licenses.
    buy(world(fake.store, name));
    const replay = await admin.post(`/admin/events/${row.id}/replay`);
    expect({ status: replay.status, result: replay.body?.status }).toEqual({ status: 200, result: "PROCESSED" });
    expect(await licensesOfSession(foreign.session.id)).toBe(2);
  });

  test("an invoice whose line items Stripe does not have (404): 200 FAILED STRIPE_OBJECT_MISSING naming the invoice; replayable once it exists", async () => {
    const name = `foreign${++worlds}`;
    const bill = (w: StripeWorld) =>
      w.oneOffInvoice({ customer: w.customer(), lines: [{ price: w.price({ product: w.product(), metadata: { short_code: "APP" } }), quantity: 1 }] });
    const foreign = bill(world(new FakeStore(), name));
    // More lines than the event carries: the engine must list them from Stripe, which answers 404.
    const event = editable(foreign.events[0]);
    event.data.object.lines.has_more = true;
    const answer = await send(event);
    const row = await expectFailedRow(answer, event.id, "STRIPE_OBJECT_MISSING");
    expect(row.outcome).toContain(foreign.invoice.id);
    expect(await db.license.count({ where: { stripeInvoiceId: foreign.invoice.id } })).toBe(0);

    bill(world(fake.store, name));
    const replay = await admin.post(`/admin/events/${row.id}/replay`);
    expect({ status: replay.status, result: replay.body?.status }).toEqual({ status: 200, result: "PROCESSED" });
    expect(await db.license.count({ where: { stripeInvoiceId: foreign.invoice.id } })).toBe(1);
  });

  test("a checkout of 2,300 units on one line: 200 PROCESSED with 2,300 licenses", async () => {
    const bought = purchase(2300);
    const started = performance.now();
    const answer = await send(bought.events[0]!);
    report("2,300 units in one checkout (scenario 5)", { status: answer.status, answer: answer.body?.status ?? answer.body, ms: Math.round(performance.now() - started) });
    expect({ status: answer.status, answer: answer.body?.status }).toEqual({ status: 200, answer: "PROCESSED" });
    expect(await licensesOfSession(bought.session.id)).toBe(2300);
  });

  test("a subscription's invoice.paid for 2,300 units on one line: 200 PROCESSED with 2,300 licenses", async () => {
    const w = world();
    const start = w.subscribe({ customer: w.customer(), items: [{ price: recurring, quantity: 2300 }] });
    const started = performance.now();
    const answers = [];
    for (const event of start.events) answers.push(await send(event));
    report("2,300 units in one subscription (scenario 5)", {
      answers: answers.map((a) => `${a.status} ${a.body?.status ?? JSON.stringify(a.body)}`),
      ms: Math.round(performance.now() - started),
    });
    expect(answers.map((a) => [a.status, a.body?.status])).toEqual([
      [200, "PROCESSED"],
      [200, "PROCESSED"],
    ]);
    expect(await db.license.count({ where: { stripeSubscriptionId: start.subscription.id } })).toBe(2300);
  });

  test("a checkout of 20,000 units: 200 FAILED TOO_MANY_LICENSES (at most 10,000 a purchase), no license", async () => {
    const bought = purchase(20_000);
    const answer = await send(bought.events[0]!);
    await expectFailedRow(answer, bought.events[0]!.id, "TOO_MANY_LICENSES");
    expect(await licensesOfSession(bought.session.id)).toBe(0);
  });

  test("account.application.deauthorized without account on the own endpoint (another application left): 200 IGNORED, the account stays connected", async () => {
    const w = world();
    const event = w.event("account.application.deauthorized", { id: "ca_someotherapp", object: "application", name: "Some other app" });
    const answer = await send(event);
    expect({ status: answer.status, answer: answer.body?.status }).toEqual({ status: 200, answer: "IGNORED" });
    expect((await db.account.findUniqueOrThrow({ where: { id: accountId } })).status).toBe("CONNECTED");

    const bought = purchase(1);
    const later = await send(bought.events[0]!);
    expect({ status: later.status, answer: later.body?.status }).toEqual({ status: 200, answer: "PROCESSED" });
    expect(await licensesOfSession(bought.session.id)).toBe(1);
  });

  test("a signature dated 10 minutes ahead: 400 saying the timestamp is in the future", async () => {
    const [event] = purchase().events;
    const answer = await post(signEvent(event!, TEST_WEBHOOK_SECRET, { timestamp: Math.floor(Date.now() / 1000) + 600 }));
    expect(answer.status).toBe(400);
    expect(answer.body?.error?.message).toMatch(/future/i);
    expect(answer.body?.error?.message).not.toMatch(/older than/i);
    await expectNothingStored(event!.id);
  });
});

describe("admin API", () => {
  const named = (body: any, field: string) => JSON.stringify(body?.error ?? body).includes(field);

  test("a NUL byte in a path segment: 400 naming the parameter", async () => {
    const answer = await admin.get("/admin/products/AP%00P");
    expect({ status: answer.status, namesField: named(answer.body, "shortCode") }).toEqual({ status: 400, namesField: true });
  });

  test("a NUL byte in a query value: 400 naming the parameter", async () => {
    const answer = await admin.get("/admin/licenses?customer=cus_%00x");
    expect({ status: answer.status, namesField: named(answer.body, "customer") }).toEqual({ status: 400, namesField: true });
  });

  test("a NUL byte in a product's name: 400 naming the field, nothing created", async () => {
    const answer = await admin.post("/admin/products", { shortCode: "NULNAME", name: "bad\u0000name" });
    expect({ status: answer.status, namesField: named(answer.body, "name") }).toEqual({ status: 400, namesField: true });
    expect(await db.product.count({ where: { accountId, shortCode: "NULNAME" } })).toBe(0);
  });

  test("a NUL byte in a feature code: 400 naming the field, nothing created", async () => {
    const answer = await admin.post("/admin/products", { shortCode: "NULFEAT", name: "Fine", features: [{ code: "ex\u0000port", name: "Export" }] });
    expect({ status: answer.status, namesField: named(answer.body, "features.0.code") }).toEqual({ status: 400, namesField: true });
    expect(await db.product.count({ where: { accountId, shortCode: "NULFEAT" } })).toBe(0);
  });

  const drainedOrClosed = (req: http.ClientRequest) =>
    new Promise<void>((resolve) => {
      const done = () => {
        req.off("drain", done).off("close", done);
        resolve();
      };
      req.on("drain", done).on("close", done);
    });

  /**
   * POSTs `mib` MiB to an admin route, with or without a declared length, and stops writing once answered.
   * `reset`: the server closed the connection while this client was still writing, and Node dropped the
   * answer waiting unread on the socket (the server stops reading an upload it refused after a while).
   */
  function postHuge(url: string, mib: number, chunked: boolean): Promise<{ status: number; body: string } | { reset: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      const head = Buffer.from('{"shortCode":"HUGE","name":"Huge","padding":"');
      const tail = Buffer.from('"}');
      const chunk = Buffer.alloc(1024 * 1024, "x");
      if (!chunked) headers["content-length"] = String(head.length + mib * chunk.length + tail.length);
      let answered = false;
      const req = http.request(`${url}/admin/products`, { method: "POST", headers, agent: false }, (res) => {
        answered = true;
        let text = "";
        res.on("data", (d) => (text += d));
        // The server closes the connection once it stops reading the unread upload, and a reset can cut the
        // answer's last bytes: the status is the answer either way ("close" follows "end" and any error).
        res.on("error", () => undefined);
        res.on("close", () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on("error", (err) => {
        if (answered) return;
        if (/EPIPE|ECONNRESET/.test(String(err))) resolve({ reset: String(err) });
        else reject(err);
      });
      (async () => {
        req.write(head);
        for (let i = 0; i < mib && !answered && !req.destroyed; i++) {
          if (!req.write(chunk)) await drainedOrClosed(req);
        }
        if (!req.destroyed) req.end(tail);
      })().catch(reject);
    });
  }

  test.each([
    ["with its length declared", false],
    ["chunked, without a length", true],
  ])("a 200 MiB authenticated POST %s: 413, and the process grows by no more than a few tens of MiB", async (_how, chunked) => {
    // A process of its own: memory a process once took is rarely given back, and would hide the next case's.
    const fresh = await spawnBackend({ databaseUrl: database.url, stripeApiUrl: fake.url, env: { LOG_LEVEL: "info" } });
    try {
      const before = memoryOf(fresh.pid);
      resetPeakMemory(fresh.pid);
      const started = performance.now();
      const sent = await postHuge(fresh.url, 200, chunked);
      const after = memoryOf(fresh.pid);
      const growth = Math.round((after.peakMiB - before.rssMiB) * 10) / 10;
      // When the client never read the answer, the server's own request log says what it answered.
      const loggedStatuses = () =>
        fresh
          .output()
          .split("\n")
          .filter((line) => line.includes('"msg":"request"') && line.includes('"path":"/admin/products"') && line.includes('"method":"POST"'))
          .map((line) => (JSON.parse(line) as { status: number }).status);
      const logged = await eventually(() => (loggedStatuses().length > 0 ? loggedStatuses() : undefined), "the POST in the request log", 10_000, 20);
      const answer = "reset" in sent ? { status: logged.at(-1), body: `(not read by the client: ${sent.reset})` } : sent;
      report(`200 MiB admin POST, ${chunked ? "chunked" : "with Content-Length"} (scenario 5)`, {
        status: answer.status,
        answer: answer.body.slice(0, 200),
        loggedStatuses: logged,
        rssBeforeMiB: before.rssMiB,
        peakDuringMiB: after.peakMiB,
        growthMiB: growth,
        ms: Math.round(performance.now() - started),
      });
      expect(answer.status).toBe(413);
      expect(logged).toEqual([413]);
      expect(growth).toBeLessThanOrEqual(48);
      expect(fresh.alive()).toBe(true);
      expect(await db.product.count({ where: { accountId, shortCode: "HUGE" } })).toBe(0);
    } finally {
      await fresh.stop();
    }
  });
});

test("after all of it the process still runs: never a crash, never an exit", () => {
  expect({ ended, output: ended ? backend.output().slice(-2000) : "" }).toEqual({ ended: null, output: "" });
  expect(() => process.kill(backend.pid, 0)).not.toThrow();
});

describe("with the database down", () => {
  test("/health (no key needed) tells that the database is down without its host, port, user or the driver's error", async () => {
    const server = new URL(SERVER_URL);
    const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const separate = await createTestDatabase("rel_hostile_health");
    const url = proxy.urlFor(separate.url);
    const down = await spawnBackend({ databaseUrl: url, stripeApiUrl: fake.url });
    try {
      proxy.cut();
      await proxy.refuse();
      const res = await fetch(`${down.url}/health`, { signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      report("/health with the database down (scenario 5)", { status: res.status, body: text });
      expect(res.status).toBe(503);
      const { hostname, port, username } = new URL(url);
      const leaks = [hostname, port, username, "ECONN", "Connection terminated", "getaddrinfo", "password authentication", "prisma", "queryRaw"].filter(
        (s) => (s === username ? new RegExp(`\\b${s}\\b`).test(text) : text.includes(s)),
      );
      expect(leaks).toEqual([]);
    } finally {
      await down.stop();
      await proxy.close();
      await separate.drop();
    }
  });
});

test("a mysql:// DATABASE_URL: exit code 2, naming the variable without its password", async () => {
  const end = await runBackendToExit({
    DATABASE_URL: "mysql://user:secret@host/db",
    STRIPE_SECRET_KEY: TEST_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    HOST: "127.0.0.1",
    PORT: "0",
  });
  report("mysql DATABASE_URL (scenario 5)", { code: end.code, signal: end.signal, output: end.output.trim() });
  expect(end.code).toBe(2);
  expect(end.output).toContain("DATABASE_URL");
  expect(end.output).not.toContain("secret");
});
