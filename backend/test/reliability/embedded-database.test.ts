import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { loadConfig } from "../../src/config";
import { openDatabase, type OpenDatabase } from "../../src/db/open-database";
import { createLogger } from "../../src/logger";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "../harness/backend";
import { spawnBackend, type BackendProcess, type ProcessEnd } from "../harness/backend-process";
import { seedCatalog } from "../harness/catalog-seed";
import { expectSameFinalState, finalState, inboxState, stateFigures, writtenKeys } from "../harness/final-state";
import { answersByStatus, deliverStreams, latencies, report } from "../harness/load";
import { listeningTcpPorts, listeningUnixSockets, memoryOf } from "../harness/proc";
import { referenceRun, type ReferenceRun } from "../harness/reference";
import { eventually } from "../harness/webhook-env";
import { MIXED_CATALOG, mixedLoad } from "../scenarios/mixed-load";

// Scenario 4: `pnpm start`'s default, the embedded database (PGlite in the server's process), under
// concurrent load with every event delivered twice: the same licenses as on PostgreSQL. And its socket,
// which has no authentication, must not let anyone else in.
jest.setTimeout(300_000);

const EVENTS = 300;
const COPIES = 2;
/** Streams at once: with two copies of each event, 16 deliveries in flight. */
const STREAMS_IN_FLIGHT = 8;

let dataDir: string;
let fake: FakeStripe;
let backend: BackendProcess | undefined;
let ended: ProcessEnd | null = null;
let accountId: string;
const seconds: Record<string, string> = {};

const embeddedEnv = () => ({ TESSERA_DATA_DIR: dataDir, WRITEBACK_INTERVAL_MS: "500" });

async function startEmbedded(label: string): Promise<BackendProcess> {
  const t = performance.now();
  const started = await spawnBackend({ stripeApiUrl: fake.url, env: embeddedEnv(), startTimeoutMs: 120_000 });
  seconds[label] = ((performance.now() - t) / 1000).toFixed(1);
  ended = null;
  void started.exited.then((end) => (ended = end));
  return started;
}

/** The data folder opened in this process, as the server opens it (the server must be stopped: one process at a time). */
async function openDataDir(): Promise<OpenDatabase> {
  const config = loadConfig({ TESSERA_DATA_DIR: dataDir, STRIPE_SECRET_KEY: TEST_SECRET_KEY, STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET });
  return openDatabase(config, createLogger("silent"));
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "tessera-rel-embedded-"));
  fake = await startFakeStripe();
  // The first start creates the database and the operator's account; the catalog goes in while it is stopped.
  const first = await startEmbedded("firstStart");
  await first.stop();
  const opened = await openDataDir();
  try {
    accountId = (await opened.db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } })).id;
    await seedCatalog(opened.db, accountId, MIXED_CATALOG);
  } finally {
    await opened.close();
  }
  backend = await startEmbedded("restart");
});

afterAll(async () => {
  await backend?.stop();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What another OS user (nobody) gets when it opens the socket; null where this process cannot act as one. */
function connectAsAnotherUser(socket: string): string | null {
  if (process.getuid?.() !== 0) return null;
  const probe = `require("net").connect(${JSON.stringify(socket)}).on("connect", () => { console.log("connected"); process.exit(0) }).on("error", (e) => { console.log(e.code); process.exit(0) })`;
  const run = spawnSync(process.execPath, ["-e", probe], { uid: 65534, gid: 65534, encoding: "utf8", timeout: 10_000 });
  return (run.stdout || run.stderr || String(run.error)).trim();
}

test("the embedded database's socket lets no one else in: no TCP port speaks PostgreSQL, and the socket sits in a folder only its owner may enter", async () => {
  expect({ ended, output: ended ? backend!.output().slice(-3000) : "" }).toEqual({ ended: null, output: "" });
  const tcp = listeningTcpPorts(backend!.pid);
  const unix = listeningUnixSockets(backend!.pid).filter((p) => /\/\.s\.PGSQL\.\d+$/.test(p));
  const attempts: { where: string; result: string }[] = [];
  for (const { address, port } of tcp) {
    const client = new Client({ host: address.startsWith("[") ? "::1" : address === "0.0.0.0" ? "127.0.0.1" : address, port, user: "postgres", database: "postgres", connectionTimeoutMillis: 3000 });
    client.on("error", () => undefined);
    const result = await client.connect().then(
      () => "connected without credentials",
      (err: unknown) => `refused: ${err instanceof Error ? err.message : String(err)}`,
    );
    await client.end().catch(() => undefined);
    attempts.push({ where: `tcp ${address}:${port}`, result });
  }
  const sockets = unix.map((socket) => {
    const folder = statSync(path.dirname(socket));
    return { socket, folderMode: (folder.mode & 0o777).toString(8), folderOwner: folder.uid, otherUser: connectAsAnotherUser(socket) };
  });
  report("embedded database socket (scenario 5)", { tcpListening: tcp, attempts, sockets });
  expect(attempts.filter((a) => a.result.startsWith("connected"))).toEqual([]);
  expect(sockets.length).toBe(1);
  for (const s of sockets) {
    expect({ mode: s.folderMode, owner: s.folderOwner }).toEqual({ mode: "700", owner: process.getuid?.() });
    if (s.otherUser !== null) expect(s.otherUser).toBe("EACCES");
  }
});


test("300 events, 16 deliveries in flight, each delivered twice, make on the embedded database the licenses they make on PostgreSQL", async () => {
  const reference: ReferenceRun = await referenceRun("rel_embedded", MIXED_CATALOG, (store) => mixedLoad(store, EVENTS).events);
  const load = mixedLoad(fake.store, EVENTS);
  expect(JSON.stringify(load.events)).toBe(JSON.stringify(reference.events));

  expect({ ended, output: ended ? backend!.output().slice(-3000) : "" }).toEqual({ ended: null, output: "" });
  const rssBefore = memoryOf(backend!.pid);
  const started = performance.now();
  const deliveries = await deliverStreams(load.streams, {
    copies: COPIES,
    inFlight: STREAMS_IN_FLIGHT,
    target: () => backend!.url,
    timeoutMs: 60_000,
    abort: () => ended !== null,
  });
  const deliverySeconds = (performance.now() - started) / 1000;
  // Key write-backs are read from the fake Stripe; the server is stopped before its folder is opened here.
  const keysExpected = Object.values(reference.state.writebacks).reduce((n, k) => n + k.length, 0);
  const keysWritten = () =>
    [...fake.store.platform.all("subscription"), ...fake.store.platform.all("payment_intent")].reduce((n, o) => n + writtenKeys(o.metadata).length, 0);
  await eventually(() => (keysWritten() >= keysExpected || ended !== null ? true : undefined), "every key written back", 30_000, 200).catch(() => undefined);
  const rssAfter = backend!.alive() ? memoryOf(backend!.pid) : null;
  const endedDuringLoad = ended;
  await backend!.stop();

  const opened = await openDataDir();
  let actual;
  let inbox;
  let outbox;
  try {
    actual = await finalState(opened.db, accountId, fake.store.platform);
    inbox = await inboxState(opened.db, accountId);
    outbox = await opened.db.stripeWriteback.count();
  } finally {
    await opened.close();
  }
  report("embedded database under concurrent load (scenario 4)", {
    events: EVENTS,
    deliveries: deliveries.length,
    inFlight: STREAMS_IN_FLIGHT * COPIES,
    answers: answersByStatus(deliveries),
    latencyMs: latencies(deliveries),
    startSeconds: seconds,
    deliverySeconds: deliverySeconds.toFixed(1),
    postgresInOrderSeconds: reference.seconds.toFixed(1),
    rssMiB: { before: rssBefore.rssMiB, after: rssAfter?.rssMiB, peak: rssAfter?.peakMiB },
    processEnded: endedDuringLoad,
    expected: stateFigures(reference.state),
    actual: stateFigures(actual),
    inboxRows: inbox.rows,
    outboxLeft: outbox,
  });

  expect({ ended: endedDuringLoad, output: endedDuringLoad ? backend!.output().slice(-3000) : "" }).toEqual({ ended: null, output: "" });
  const notOk = deliveries.filter((d) => d.status !== 200);
  expect({ notOk: notOk.length, examples: notOk.slice(0, 3).map((d) => ({ event: d.eventId, status: d.status, body: d.body })) }).toEqual({
    notOk: 0,
    examples: [],
  });
  expect(inbox.rows).toBe(EVENTS);
  expect(inbox.byEvent).toEqual(reference.inbox.byEvent);
  expect(outbox).toBe(0);
  expectSameFinalState(actual, reference.state, { label: "embedded database against PostgreSQL" });
});
