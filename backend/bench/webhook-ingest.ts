import type Stripe from "stripe";
import { startFakeStripe } from "../test/fake-stripe/server";
import { signEvent } from "../test/fake-stripe/sign";
import { StripeWorld } from "../test/fake-stripe/world";
import { TEST_WEBHOOK_SECRET } from "../test/harness/backend";
import { seedCatalog } from "../test/harness/catalog-seed";
import { eventually } from "../test/harness/webhook-env";
import { createDb } from "../src/db/client";
import { drive } from "./load";
import { freePort, spawnBackend, type BackendProcess } from "../test/harness/backend-process";
import { residentMiB, startProcess, stopProcess } from "./processes";
import { analyzeOn, BENCH_BACKEND_ENV, BENCH_NODE_ARGS, cpuFigures, harnessCpuSeconds, serverCpu, type CpuBreakdown } from "./rig";
import { round2, type Figure } from "./figure";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 4000);
const CONCURRENCY = 16;
// Baseline and Tessera take turns in rounds, so a noisy neighbour slows both rather than one of them.
const ROUNDS = 4;


/** `invoice.paid` events that each create one license: N first invoices of one-unit subscriptions. */
export function firstInvoices(world: StripeWorld, count: number): Stripe.Event[] {
  const product = world.product({ name: "Bench" });
  const price = world.price({ product, recurring: { interval: "month" }, metadata: { short_code: "BENCH" } });
  return Array.from({ length: count }, (_, i) => {
    const customer = world.customer({ email: `bench${i}@example.com` });
    const { events } = world.subscribe({ customer, items: [{ price, quantity: 1 }] });
    return events.find((e) => e.type === "invoice.paid")!;
  });
}


/**
 * Sustained ingest of `invoice.paid` through the real backend process (signature, inbox, Stripe price
 * lookup, catalog resolution, license insert, history, outbox) against a bare verify-and-insert server.
 */
export async function webhookIngest(
  databaseUrl: string,
  baselineUrl: string,
): Promise<{ rate: Figure; memory: Figure; cpu?: Figure; breakdown: { ours: CpuBreakdown; base: CpuBreakdown } }> {
  const fake = await startFakeStripe();
  const world = new StripeWorld(fake.store, { name: "bench" });
  // Both servers receive the same kind of events, signed just before the run (the tolerance is 5 minutes).
  // Enough events that the tables are past their first pages when the measured rounds start.
  const warmup = firstInvoices(world, 500);
  const perRound = Math.ceil(EVENTS / ROUNDS);
  const rounds = Array.from({ length: ROUNDS }, () => firstInvoices(world, perRound));
  const sign = (list: Stripe.Event[]) => list.map((e) => signEvent(e, TEST_WEBHOOK_SECRET));

  const basePort = await freePort();
  const baseline = await startProcess("backend/bench/baseline-server.ts", {
    DATABASE_URL: baselineUrl,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    PORT: String(basePort),
  });
  const db = createDb({ connectionString: databaseUrl });
  let backend: BackendProcess | undefined;
  try {
    backend = await spawnBackend({ databaseUrl, stripeApiUrl: fake.url, env: BENCH_BACKEND_ENV, nodeArgs: BENCH_NODE_ARGS });
    const account = await db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } });
    await seedCatalog(db, account.id, { products: [{ shortCode: "BENCH", policies: [{ code: "std", isDefault: true }] }] });

    await drive(`http://127.0.0.1:${basePort}/webhooks/stripe`, sign(warmup), CONCURRENCY);
    await drive(`${backend.url}/webhooks/stripe`, sign(warmup), CONCURRENCY);
    const analyze = () => Promise.all([analyzeOn(databaseUrl), analyzeOn(baselineUrl)]);
    await analyze();
    const base = { events: 0, seconds: 0, failures: 0, harness: 0 };
    const ours = { events: 0, seconds: 0, failures: 0, harness: 0 };
    const cpu = () => ({
      ours: serverCpu(backend!.pid, databaseUrl),
      base: serverCpu(baseline.pid!, baselineUrl),
    });
    // A Tessera round ends when every key of it is written back to the fake Stripe (the outbox is empty),
    // so none of its work spills into the baseline's next round, and its rate is sustained, write-back
    // included.
    const writtenBack = () =>
      eventually(async () => ((await db.stripeWriteback.count()) === 0 ? true : undefined), "an empty write-back outbox", 60_000, 5);
    const sides = [
      { url: `http://127.0.0.1:${basePort}/webhooks/stripe`, total: base, settle: async () => undefined },
      { url: `${backend.url}/webhooks/stripe`, total: ours, settle: writtenBack },
    ];
    const cpuBefore = cpu();
    for (const events of rounds) {
      for (const { url, total, settle } of sides) {
        const signed = sign(events);
        const harnessBefore = harnessCpuSeconds();
        const started = performance.now();
        const run = await drive(url, signed, CONCURRENCY);
        await settle();
        total.seconds += (performance.now() - started) / 1000;
        total.harness += harnessCpuSeconds() - harnessBefore;
        total.events += events.length;
        total.failures += run.failures;
      }
      await analyze();
    }
    const cpuAfter = cpu();
    if (base.failures + ours.failures > 0) throw new Error(`Failed requests: baseline ${base.failures}, tessera ${ours.failures}`);
    const expected = warmup.length + perRound * ROUNDS;
    const licenses = await db.license.count({ where: { accountId: account.id } });
    if (licenses !== expected) throw new Error(`Expected ${expected} licenses, found ${licenses}`);
    const oursRate = ours.events / ours.seconds;
    const baseRate = base.events / base.seconds;
    // tsx runs both servers, so its own footprint is in both figures alike.
    const oursMiB = residentMiB(backend.pid);
    const baseMiB = residentMiB(baseline.pid!);
    return {
      ...cpuFigures(cpuBefore, cpuAfter, { ours, base }, "event"),
      rate: { value: Math.round(oursRate), unit: "events/s", baseline: Math.round(baseRate), ratio: round2(oursRate / baseRate) },
      memory: { value: oursMiB, unit: "MiB resident after the run", baseline: baseMiB, ratio: round2(oursMiB / baseMiB) },
    };
  } finally {
    await db.$disconnect();
    await backend?.stop();
    await stopProcess(baseline);
    await fake.close();
  }
}
