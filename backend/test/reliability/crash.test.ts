import { WRITEBACK_LEASE_MS } from "../../src/jobs/writeback-worker";
import { spawnBackend, type ProcessEnd } from "../harness/backend-process";
import { expectSameFinalState, finalState, inboxState, stateFigures, writebacksDone } from "../harness/final-state";
import { answersByStatus, deliverStreams, latencies, report, type Delivery } from "../harness/load";
import { mixedLoadCluster, type MixedLoadCluster } from "./mixed-load-cluster";

// Scenario 2: one of two processes is SIGKILLed mid-load and started again; Stripe sends again whatever
// was not answered 200. The end must be a clean run's.
jest.setTimeout(300_000);

const EVENTS = 600;
const KILL_AFTER = 200;

test("a process killed mid-load and restarted, with every unanswered event sent again, ends as a clean run", async () => {
  const rig = await mixedLoadCluster("rel_crash", EVENTS, 2);
  try {
    await crashMidLoad(rig);
  } finally {
    await rig.cluster.close();
  }
});

async function crashMidLoad({ reference, load, cluster }: MixedLoadCluster) {
  const { fake, instances, database, db, accountId } = cluster;

  const victim = instances[0]!;
  let killedAt = 0;
  let restarted: Promise<{ end: ProcessEnd; seconds: number }> | undefined;
  const started = performance.now();
  const deliveries: Delivery[] = await deliverStreams(load.streams, {
    copies: 1,
    inFlight: 16,
    // As behind a load balancer: deliveries alternate between the two instances, whatever their state.
    target: ({ sequence }) => instances[sequence % 2]!.url,
    retry: { attempts: 60, backoffMs: 500 },
    timeoutMs: 20_000,
    onDelivery: (_d, count) => {
      if (count !== KILL_AFTER) return;
      killedAt = count;
      victim.kill("SIGKILL");
      restarted = (async () => {
        const end = await victim.exited;
        const t = performance.now();
        instances[0] = await spawnBackend({ databaseUrl: database.url, stripeApiUrl: fake.url });
        return { end, seconds: (performance.now() - t) / 1000 };
      })();
    },
  });
  const seconds = (performance.now() - started) / 1000;
  expect(restarted).toBeDefined();
  const restart = await restarted!;
  // A write-back that never lands shows as a difference in the keys below; the outbox says whether it is still queued.
  // Rows the killed process had claimed are free again only when their lease ends, up to a lease after the kill.
  await writebacksDone(db, accountId, WRITEBACK_LEASE_MS + 30_000).catch(() => undefined);
  const outboxLeft = await db.stripeWriteback.count({ where: { accountId } });
  const actual = await finalState(db, accountId, fake.store.platform);
  const inbox = await inboxState(db, accountId);

  const lastAttempt = new Map<string, Delivery>();
  for (const d of deliveries) lastAttempt.set(d.eventId, d);
  report("crash and restart (scenario 2)", {
    events: EVENTS,
    deliveries: deliveries.length,
    killedAfterDeliveries: killedAt,
    victimEnded: restart.end,
    restartSeconds: restart.seconds.toFixed(1),
    answers: answersByStatus(deliveries),
    latencyMs: latencies(deliveries),
    seconds: seconds.toFixed(1),
    referenceInOrderSeconds: reference.seconds.toFixed(1),
    expected: stateFigures(reference.state),
    actual: stateFigures(actual),
    inboxRows: inbox.rows,
    outboxLeft,
  });

  expect(restart.end.signal).toBe("SIGKILL");
  // The kill left something unanswered, or the scenario did not test a crash.
  expect(deliveries.filter((d) => d.status !== 200).length).toBeGreaterThan(0);
  // Stripe's retries got every event answered 200 in the end.
  const unanswered = [...lastAttempt.values()].filter((d) => d.status !== 200);
  expect(unanswered.slice(0, 3).map((d) => ({ event: d.eventId, status: d.status, body: d.body }))).toEqual([]);
  expect(instances.every((i) => i.alive())).toBe(true);
  expect(inbox.rows).toBe(EVENTS);
  expect(inbox.byEvent).toEqual(reference.inbox.byEvent);
  expectSameFinalState(actual, reference.state, { label: "after a crash and redeliveries" });
}
