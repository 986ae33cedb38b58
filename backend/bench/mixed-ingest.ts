import type Stripe from "stripe";
import { startFakeStripe } from "../test/fake-stripe/server";
import { signEvent } from "../test/fake-stripe/sign";
import { TEST_WEBHOOK_SECRET } from "../test/harness/backend";
import { freePort, spawnBackend, type BackendProcess } from "../test/harness/backend-process";
import { seedCatalog } from "../test/harness/catalog-seed";
import { seededRandom, shuffled } from "../test/harness/shuffle";
import { eventually } from "../test/harness/webhook-env";
import { MIXED_CATALOG, mixedLoad } from "../test/scenarios/mixed-load";
import { createDb } from "../src/db/client";
import { round2, type Figure } from "./figure";
import { drive } from "./load";
import { startProcess, stopProcess } from "./processes";
import { analyzeOn, BENCH_BACKEND_ENV, BENCH_NODE_ARGS, cpuFigures, harnessCpuSeconds, serverCpu, type CpuBreakdown } from "./rig";

const ACCOUNTS = 10;
const EVENTS = Number(process.env.BENCH_MIXED_EVENTS ?? 3000);
const ROUNDS = 2;
const CONCURRENCY = 16;
const REDELIVERED = 0.2;
const SWAPPED = 0.1;

/**
 * What Stripe's deliveries look like across vendors: each account's buyers, interleaved; within a buyer's
 * events, one in ten swapped with the next (Stripe does not order events); one in five delivered again later.
 */
function deliveryOrder(streamsByAccount: Stripe.Event[][][], seed: number): Stripe.Event[] {
  const random = seededRandom(seed);
  const streams = streamsByAccount.flat().map((s) => [...s]);
  for (const s of streams) for (let i = 0; i + 1 < s.length; i++) if (random() < SWAPPED) [s[i], s[i + 1]] = [s[i + 1]!, s[i]!];
  const order: Stripe.Event[] = [];
  // Round-robin over the streams: every account and buyer is active at once, as in production.
  for (let depth = 0; streams.some((s) => s.length > depth); depth++) for (const s of streams) if (s[depth]) order.push(s[depth]!);
  const again = shuffled(order, random).slice(0, Math.round(order.length * REDELIVERED));
  for (const e of again) order.splice(order.indexOf(e) + 1 + Math.floor(random() * (order.length - order.indexOf(e))), 0, e);
  return order;
}

/**
 * `webhook_ingest_mixed`: a realistic mix through the real backend (ten connected accounts; one-off
 * checkouts and invoices, bundles, subscriptions created, changed, renewed, past due and ended, full and
 * partial refunds; 20% redelivered, 10% out of order), each round timed until every key is written back,
 * against the verify-and-insert baseline on the same deliveries.
 */
export async function mixedIngest(
  databaseUrl: string,
  baselineUrl: string,
): Promise<{ rate: Figure; cpu?: Figure; breakdown: { ours: CpuBreakdown; base: CpuBreakdown } }> {
  const fake = await startFakeStripe();
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => `acct_benchmix${i}`);
  const perRound = Math.ceil(EVENTS / ROUNDS / ACCOUNTS);
  const round = (r: number) => deliveryOrder(accounts.map((account) => mixedLoad(fake.store, perRound, { account, prefix: `r${r}` }).streams), r + 1);
  const warmup = round(0);
  const rounds = Array.from({ length: ROUNDS }, (_, r) => round(r + 1));

  const basePort = await freePort();
  const baseline = await startProcess("backend/bench/baseline-server.ts", { DATABASE_URL: baselineUrl, STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, PORT: String(basePort) });
  const db = createDb({ connectionString: databaseUrl });
  let backend: BackendProcess | undefined;
  try {
    backend = await spawnBackend({ databaseUrl, stripeApiUrl: fake.url, env: BENCH_BACKEND_ENV, nodeArgs: BENCH_NODE_ARGS });
    for (const stripeAccountId of accounts) {
      const account = await db.account.create({ data: { kind: "CONNECTED", stripeAccountId, livemode: false } });
      await seedCatalog(db, account.id, MIXED_CATALOG);
    }
    const sign = (events: Stripe.Event[]) => events.map((e) => signEvent(e, TEST_WEBHOOK_SECRET));
    const sides = [
      { url: `http://127.0.0.1:${basePort}/webhooks/stripe`, seconds: 0, events: 0, failures: 0, harness: 0, settle: async () => undefined },
      {
        url: `${backend.url}/webhooks/stripe`,
        seconds: 0,
        events: 0,
        failures: 0,
        harness: 0,
        settle: () => eventually(async () => ((await db.stripeWriteback.count()) === 0 ? true : undefined), "an empty write-back outbox", 120_000, 5),
      },
    ];
    for (const side of sides) await drive(side.url, sign(warmup), CONCURRENCY);
    await Promise.all([analyzeOn(databaseUrl), analyzeOn(baselineUrl)]);
    const cpu = () => ({ base: serverCpu(baseline.pid!, baselineUrl), ours: serverCpu(backend!.pid, databaseUrl) });
    const before = cpu();
    for (const events of rounds) {
      for (const side of sides) {
        const signed = sign(events);
        const harnessBefore = harnessCpuSeconds();
        const started = performance.now();
        side.failures += (await drive(side.url, signed, CONCURRENCY)).failures;
        await side.settle();
        side.seconds += (performance.now() - started) / 1000;
        side.harness += harnessCpuSeconds() - harnessBefore;
        side.events += events.length;
      }
      await Promise.all([analyzeOn(databaseUrl), analyzeOn(baselineUrl)]);
    }
    const after = cpu();
    const [base, ours] = sides as [(typeof sides)[0], (typeof sides)[0]];
    if (base.failures + ours.failures > 0) {
      const errors = backend.output().split("\n").filter((line) => /"level":(50|60)/.test(line));
      throw new Error(`Failed requests: baseline ${base.failures}, tessera ${ours.failures}\n${errors.slice(-10).join("\n")}`);
    }
    const oursRate = ours.events / ours.seconds;
    const baseRate = base.events / base.seconds;
    return {
      ...cpuFigures(before, after, { ours, base }, "delivery"),
      rate: { value: Math.round(oursRate), unit: "deliveries/s", baseline: Math.round(baseRate), ratio: round2(oursRate / baseRate) },
    };
  } finally {
    await db.$disconnect();
    await backend?.stop();
    await stopProcess(baseline);
    await fake.close();
  }
}
