import { closeDb, createDb, type Db } from "../../src/db/client";
import { WRITEBACK_LEASE_MS } from "../../src/jobs/writeback-worker";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { spawnBackend, type BackendProcess, type ProcessEnd } from "../harness/backend-process";
import { seedCatalog } from "../harness/catalog-seed";
import { expectSameFinalState, finalState, inboxState, stateFigures, writebacksDone } from "../harness/final-state";
import { answersByStatus, deliverStreams, latencies, report, type Delivery } from "../harness/load";
import { createTestDatabase, SERVER_URL, withAdmin, type TestDatabase } from "../harness/postgres";
import { referenceRun, type ReferenceRun } from "../harness/reference";
import { startTcpProxy, type TcpProxy } from "../harness/tcp-proxy";
import { MIXED_CATALOG, mixedLoad } from "../scenarios/mixed-load";

// Scenario 3: the database goes away under load (every connection cut and new ones refused; every session
// terminated by the server; a network that accepts and forwards nothing). The process must answer 5xx
// meanwhile and quickly, never exit, and recover by itself: Stripe's redeliveries then make every license.
jest.setTimeout(300_000);

const EVENTS = 300;
const OUTAGE_AFTER = 60;
/** The test's own connections carry this name, so terminating "every connection" spares them. */
const OWN_APP = "tessera_reliability_test";

let reference: ReferenceRun;

beforeAll(async () => {
  reference = await referenceRun("rel_dbloss", MIXED_CATALOG, (store) => mixedLoad(store, EVENTS).events);
});

interface Rig {
  fake: FakeStripe;
  database: TestDatabase;
  proxy: TcpProxy;
  backend: BackendProcess;
  db: Db;
  accountId: string;
  /** Set once the process has ended. */
  ended: ProcessEnd | null;
  close(): Promise<void>;
}

async function startRig(label: string): Promise<Rig> {
  const fake = await startFakeStripe();
  const database = await createTestDatabase(label);
  const server = new URL(SERVER_URL);
  const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const backend = await spawnBackend({ databaseUrl: proxy.urlFor(database.url), stripeApiUrl: fake.url });
  const own = new URL(database.url);
  own.searchParams.set("application_name", OWN_APP);
  const db = createDb({ connectionString: own.toString() });
  const accountId = (await db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } })).id;
  await seedCatalog(db, accountId, MIXED_CATALOG);
  const rig: Rig = {
    fake,
    database,
    proxy,
    backend,
    db,
    accountId,
    ended: null,
    close: async () => {
      await backend.stop();
      await closeDb(db);
      await proxy.close();
      await fake.close();
      await database.drop();
    },
  };
  void backend.exited.then((end) => (rig.ended = end));
  return rig;
}

/** GET /health now and then while `during()` is true: each answer's status and how long it took. */
function probeHealth(url: string, during: () => boolean): Promise<{ status: number; ms: number }[]> {
  return (async () => {
    const probes: { status: number; ms: number }[] = [];
    while (during()) {
      const t = performance.now();
      const status = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => 0);
      probes.push({ status, ms: Math.round(performance.now() - t) });
      await new Promise((r) => setTimeout(r, 1000));
    }
    return probes;
  })();
}

/**
 * Delivers the mixed load with Stripe's retries while `outage` runs once OUTAGE_AFTER deliveries were
 * made; returns every delivery and the outage's time window.
 */
async function loadThrough(rig: Rig, outage: () => Promise<void>) {
  const load = mixedLoad(rig.fake.store, EVENTS);
  expect(JSON.stringify(load.events)).toBe(JSON.stringify(reference.events));
  let window: { from: number; to: number } | undefined;
  let outageDone: Promise<void> | undefined;
  const started = performance.now();
  const deliveries = await deliverStreams(load.streams, {
    copies: 1,
    inFlight: 8,
    target: () => rig.backend.url,
    retry: { attempts: 200, backoffMs: 500 },
    timeoutMs: 30_000,
    abort: () => rig.ended !== null,
    onDelivery: (_d, count) => {
      if (count !== OUTAGE_AFTER) return;
      const from = performance.now();
      outageDone = outage().then(() => void (window = { from, to: performance.now() }));
    },
  });
  await outageDone;
  return { deliveries, window: window!, seconds: (performance.now() - started) / 1000 };
}

/** Deliveries in flight at any moment of the outage: sent before it ended, answered (or given up) after it began. */
function duringOutage(run: Awaited<ReturnType<typeof loadThrough>>): Delivery[] {
  return run.deliveries.filter((d) => d.at <= run.window.to && d.at + d.ms >= run.window.from);
}

/** Prints the figures of a run through an outage and reads what it ended with. */
async function summarize(rig: Rig, title: string, run: Awaited<ReturnType<typeof loadThrough>>, extra: Record<string, unknown> = {}) {
  const { deliveries, window } = run;
  const during = duringOutage(run);
  // A write-back whose claim was made but whose end could not be recorded while the database was away is
  // claimed until its lease ends: wait past that, or a slow machine reports it as lost.
  if (rig.ended === null) await writebacksDone(rig.db, rig.accountId, WRITEBACK_LEASE_MS + 30_000).catch(() => undefined);
  const actual = await finalState(rig.db, rig.accountId, rig.fake.store.platform);
  const inbox = await inboxState(rig.db, rig.accountId);
  report(title, {
    events: EVENTS,
    deliveries: deliveries.length,
    outageSeconds: ((window.to - window.from) / 1000).toFixed(1),
    deliveriesDuringOutage: during.length,
    answersDuringOutage: answersByStatus(during),
    slowestAnswerDuringOutageMs: latencies(during).max,
    answers: answersByStatus(deliveries),
    seconds: run.seconds.toFixed(1),
    processEnded: rig.ended,
    expected: stateFigures(reference.state),
    actual: stateFigures(actual),
    inboxRows: inbox.rows,
    ...extra,
  });
  return { during, actual, inbox };
}

/** What every outage must end with: a live process that recovered, and the clean run's licenses. */
function expectRecovered(
  rig: Rig,
  title: string,
  run: Awaited<ReturnType<typeof loadThrough>>,
  seen: Awaited<ReturnType<typeof summarize>>,
  opts: { someFail: boolean } = { someFail: true },
) {
  const { during, actual, inbox } = seen;
  const last = new Map<string, Delivery>();
  for (const d of run.deliveries) last.set(d.eventId, d);
  // Never a crash: the process is the one started before the outage, and it still runs.
  expect({ ended: rig.ended, output: rig.ended ? rig.backend.output().slice(-2000) : "" }).toEqual({ ended: null, output: "" });
  expect(rig.backend.alive()).toBe(true);
  // Meanwhile every delivery was answered, and answered 5xx (or 200 for what did not need the database).
  expect(during.length).toBeGreaterThan(0);
  const odd = during.filter((d) => ![200, 500, 503].includes(d.status));
  expect(odd.slice(0, 3).map((d) => ({ status: d.status, body: d.body, ms: Math.round(d.ms) }))).toEqual([]);
  // A database that is gone for seconds fails some deliveries; sessions merely ended are replaced by the pool,
  // and a delivery may not notice at all.
  if (opts.someFail) expect(during.filter((d) => d.status >= 500).length).toBeGreaterThan(0);
  // Afterwards the same process took every redelivery: each event answered 200 and recorded once.
  const unanswered = [...last.values()].filter((d) => d.status !== 200);
  expect(unanswered.slice(0, 3).map((d) => ({ event: d.eventId, status: d.status, body: d.body }))).toEqual([]);
  expect(inbox.rows).toBe(EVENTS);
  expect(inbox.byEvent).toEqual(reference.inbox.byEvent);
  expectSameFinalState(actual, reference.state, { label: title });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An outage through the proxy: `begin` takes the database away, /health is probed every second, and after
 * `ms` the proxy forwards again. Returns the outage to run mid-load and the probes it made.
 */
function proxyOutage(rig: Rig, begin: (proxy: TcpProxy) => Promise<void> | void, ms: number) {
  let probes: Promise<{ status: number; ms: number }[]> = Promise.resolve([]);
  return {
    outage: async () => {
      let down = true;
      await begin(rig.proxy);
      probes = probeHealth(rig.backend.url, () => down);
      await sleep(ms);
      down = false;
      await rig.proxy.restore();
    },
    probes: () => probes,
  };
}

test("(a) every connection cut and new ones refused for 10 s: 5xx meanwhile, then the same process recovers", async () => {
  const rig = await startRig("rel_dbloss_cut");
  try {
    const cut = proxyOutage(
      rig,
      async (proxy) => {
        proxy.cut();
        await proxy.refuse();
      },
      10_000,
    );
    const run = await loadThrough(rig, cut.outage);
    const probes = await cut.probes();
    const title = "database cut for 10 s (scenario 3a)";
    expectRecovered(rig, title, run, await summarize(rig, title, run, { healthDuringOutage: probes }));
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.filter((p) => p.status !== 503)).toEqual([]);
  } finally {
    await rig.close();
  }
});

test("(b) pg_terminate_backend on every session of the database mid-burst: 5xx meanwhile, then the same process recovers", async () => {
  const rig = await startRig("rel_dbloss_term");
  try {
    const terminated: number[] = [];
    const run = await loadThrough(rig, async () => {
      // Twice, a moment apart: the second one finds the connections the pool opened after the first.
      for (let round = 0; round < 2; round++) {
        const r = await withAdmin((admin) =>
          admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name <> $2", [
            rig.database.name,
            OWN_APP,
          ]),
        );
        terminated.push(r.rowCount ?? 0);
        await sleep(300);
      }
    });
    const title = "sessions terminated by the server (scenario 3b)";
    expectRecovered(rig, title, run, await summarize(rig, title, run, { sessionsTerminated: terminated }), { someFail: false });
    expect(terminated[0]).toBeGreaterThan(0);
  } finally {
    await rig.close();
  }
});

test("(c) a network that accepts and forwards nothing for 20 s: /health and deliveries answer within 5 s, then the process recovers", async () => {
  const rig = await startRig("rel_dbloss_stall");
  try {
    const stall = proxyOutage(rig, (proxy) => proxy.stall(), 20_000);
    const run = await loadThrough(rig, stall.outage);
    const probes = await stall.probes();
    const title = "database stalled for 20 s (scenario 3c)";
    const seen = await summarize(rig, title, run, { healthDuringStall: probes });
    // Bounded, not hanging: every request in flight during the stall had its answer within 5 s.
    const slow = seen.during.filter((d) => d.status === 0 || d.ms > 5_000);
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.filter((p) => p.status === 0 || p.ms > 5_000)).toEqual([]);
    expect({ slow: slow.length, examples: slow.slice(0, 3).map((d) => ({ status: d.status, ms: Math.round(d.ms) })) }).toEqual({ slow: 0, examples: [] });
    expectRecovered(rig, title, run, seen);
  } finally {
    await rig.close();
  }
});
