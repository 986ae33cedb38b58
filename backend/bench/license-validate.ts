import { Client } from "pg";
import { startFakeStripe } from "../test/fake-stripe/server";
import { freePort, spawnBackend } from "../test/harness/backend-process";
import { median, round2, type Figure } from "./figure";
import { drivePosts, type GetRun } from "./get-load";
import { startProcess, stopProcess } from "./processes";
import { analyzeOn, BENCH_BACKEND_ENV, BENCH_NODE_ARGS } from "./rig";

const LICENSES = 1000;
const ROUNDS = 3;
const REQUESTS = Number(process.env.BENCH_VALIDATIONS ?? 3000);
const THROUGHPUT_CONCURRENCY = 64;
const LATENCY_CONCURRENCY = 8;


/** 1,000 licenses with two machines each, written straight to the tables. */
async function seed(databaseUrl: string, accountId: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "License" (id, "accountId", key, "licenseType", spec, "maxActivations", "sourceKey", "unitIndex", "updatedAt")
       SELECT 'bench-' || i, $1, 'BENCH-' || lpad(i::text, 6, '0'), 'PERPETUAL',
              '{"licenseType":"perpetual","features":["pro"],"featureSets":[],"customFields":{},"majorVersion":null,"minorVersion":null}'::jsonb,
              3, 'bench:' || i, i, now()
       FROM generate_series(0, $2 - 1) AS i`,
      [accountId, LICENSES],
    );
    await client.query(
      `INSERT INTO "Activation" (id, "accountId", "licenseId", fingerprint)
       SELECT 'bench-' || i || '-' || m, $1, 'bench-' || i, 'machine-' || m FROM generate_series(0, $2 - 1) AS i, generate_series(0, 1) AS m`,
      [accountId, LICENSES],
    );
  } finally {
    await client.end();
  }
}

const keyOf = (i: number) => `BENCH-${String(i % LICENSES).padStart(6, "0")}`;

/**
 * POST /v1/licenses/validate (with a fingerprint, every answer signed, rate limits counted) beside a bare
 * node:http + pg server running the same key lookup: requests/s at 64 in flight, and p99 at 8 in flight.
 */
export async function licenseValidate(databaseUrl: string): Promise<{ rate: Figure; p99: Figure }> {
  const fake = await startFakeStripe();
  const backend = await spawnBackend({
    databaseUrl,
    stripeApiUrl: fake.url,
    // One client address sends everything here: the per-address limit would stop the load, not measure it.
    env: { ...BENCH_BACKEND_ENV, LICENSE_RATE_PER_ADDRESS: "100000000", LICENSE_RATE_PER_KEY: "100000000" },
    nodeArgs: BENCH_NODE_ARGS,
  });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const accountId = (await client.query<{ id: string }>(`SELECT id FROM "Account" WHERE "selfHostedMode" = 'test'`)).rows[0]!.id;
  await client.end();
  await seed(databaseUrl, accountId);
  const basePort = await freePort();
  const baseline = await startProcess("backend/bench/baseline-validate-server.ts", { DATABASE_URL: databaseUrl, PORT: String(basePort) });
  await analyzeOn(databaseUrl);
  const ours = `${backend.url}/v1/licenses/validate`;
  const base = `http://127.0.0.1:${basePort}/validate`;
  const body = (i: number) => ({ key: keyOf(i), fingerprint: "machine-1", nonce: `n${i}` });
  try {
    await drivePosts(ours, body, THROUGHPUT_CONCURRENCY, 1000);
    await drivePosts(base, body, THROUGHPUT_CONCURRENCY, 1000);
    const runs: Record<"rate" | "baseRate" | "latency" | "baseLatency", GetRun[]> = { rate: [], baseRate: [], latency: [], baseLatency: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.rate.push(await drivePosts(ours, body, THROUGHPUT_CONCURRENCY, REQUESTS));
      runs.baseRate.push(await drivePosts(base, body, THROUGHPUT_CONCURRENCY, REQUESTS));
      runs.latency.push(await drivePosts(ours, body, LATENCY_CONCURRENCY, REQUESTS));
      runs.baseLatency.push(await drivePosts(base, body, LATENCY_CONCURRENCY, REQUESTS));
    }
    const failures = Object.values(runs).flat().reduce((n, r) => n + r.failures, 0);
    if (failures > 0) throw new Error(`${failures} validations were not answered 200`);
    const rate = median(runs.rate.map((r) => r.perSecond));
    const baseRate = median(runs.baseRate.map((r) => r.perSecond));
    const p99 = median(runs.latency.map((r) => r.p99));
    const baseP99 = median(runs.baseLatency.map((r) => r.p99));
    process.stdout.write(
      `license_validate rounds: ${runs.rate.map((r) => r.perSecond).join(", ")} req/s vs baseline ${runs.baseRate.map((r) => r.perSecond).join(", ")}\n` +
        `license_validate_p99 rounds: ${runs.latency.map((r) => r.p99).join(", ")} ms (p50 ${runs.latency.map((r) => r.p50).join(", ")}) vs baseline ${runs.baseLatency.map((r) => r.p99).join(", ")}\n`,
    );
    return {
      rate: { value: rate, unit: "requests/s", baseline: baseRate, ratio: round2(rate / baseRate) },
      p99: { value: p99, unit: "ms", baseline: baseP99, ratio: round2(p99 / baseP99) },
    };
  } finally {
    await stopProcess(baseline);
    await backend.stop();
    await fake.close();
  }
}
