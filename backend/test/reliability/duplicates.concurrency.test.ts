import { expectSameFinalState, finalState, inboxState, stateFigures, writebacksDone } from "../harness/final-state";
import { answersByStatus, deliverStreams, latencies, report } from "../harness/load";
import { mixedLoadCluster, type MixedLoadCluster } from "./mixed-load-cluster";

// Scenario 1 of the reliability suite: every event ten times at once, to two backend processes on one
// database, must end exactly where one in-order delivery to a fresh database does.
jest.setTimeout(300_000);

const EVENTS = 1000;
const COPIES = 10;
const STREAMS_IN_FLIGHT = 16;

let rig: MixedLoadCluster;

beforeAll(async () => {
  rig = await mixedLoadCluster("rel_dup", EVENTS, 2);
});

afterAll(() => rig?.cluster.close());

test("1,000 events of every kind, each delivered 10 times at once to two processes, make exactly the licenses of one in-order delivery", async () => {
  const { reference, load } = rig;
  const { fake, instances, db, accountId } = rig.cluster;
  const expected = reference.state;
  expect(load.events).toHaveLength(EVENTS);
  expect(new Set(load.events.map((e) => e.id)).size).toBe(EVENTS);
  // The reference itself did what the rules say: every event recorded, purchases licensed, refunds applied.
  expect(reference.inbox.rows).toBe(EVENTS);
  expect(reference.answers.filter((a) => a.status === "FAILED")).toEqual([]);
  expect(stateFigures(expected).disabled).toBeGreaterThan(0);

  const started = performance.now();
  const deliveries = await deliverStreams(load.streams, {
    copies: COPIES,
    inFlight: STREAMS_IN_FLIGHT,
    target: ({ copy }) => instances[copy % instances.length]!.url,
  });
  const concurrentSeconds = (performance.now() - started) / 1000;
  // A write-back that never lands shows as a difference in the keys below; the outbox says whether it is still queued.
  await writebacksDone(db, accountId).catch(() => undefined);
  const outboxLeft = await db.stripeWriteback.count({ where: { accountId } });
  const actual = await finalState(db, accountId, fake.store.platform);
  const inbox = await inboxState(db, accountId);
  const licenseRows = await db.license.count({ where: { accountId } });

  report("duplicates under concurrency (scenario 1)", {
    events: EVENTS,
    eventKinds: load.kinds,
    deliveries: deliveries.length,
    processes: instances.length,
    answers: answersByStatus(deliveries),
    latencyMs: latencies(deliveries),
    referenceInOrderSeconds: reference.seconds.toFixed(1),
    concurrentSeconds: concurrentSeconds.toFixed(1),
    expected: stateFigures(expected),
    actual: stateFigures(actual),
    licenseRows,
    inboxRows: inbox.rows,
    outboxLeft,
  });

  // Every answer 200: locks and constraints make concurrent copies wait, never fail.
  const notOk = deliveries.filter((d) => d.status !== 200);
  expect({ notOk: notOk.length, examples: notOk.slice(0, 3).map((d) => ({ event: d.eventId, status: d.status, body: d.body })) }).toEqual({
    notOk: 0,
    examples: [],
  });
  // Each event applied by exactly one delivery, the others told it was a duplicate.
  const applied = new Map<string, string[]>();
  for (const d of deliveries) if (d.body?.status !== "DUPLICATE") applied.set(d.eventId, [...(applied.get(d.eventId) ?? []), d.body?.status]);
  const notOnce = load.events.filter((e) => applied.get(e.id)?.length !== 1).map((e) => ({ event: e.id, applied: applied.get(e.id) ?? [] }));
  expect(notOnce.slice(0, 5)).toEqual([]);
  // Each event recorded exactly once, with the reference's outcome.
  expect(inbox.rows).toBe(EVENTS);
  expect(inbox.byEvent).toEqual(reference.inbox.byEvent);
  // No duplicate license, none lost, every field and history line as in order.
  expect(licenseRows).toBe(Object.keys(actual.licenses).length);
  expectSameFinalState(actual, expected, { label: "two processes, ten copies each" });
});
