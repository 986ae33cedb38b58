import { existsSync } from "node:fs";
import { Client } from "pg";
import { eventually } from "../test/harness/webhook-env";
import { round2, type Figure } from "./figure";
import { cpuSeconds, postgresCpuSeconds } from "./processes";

/**
 * The backend as the benchmarks run it. The fake Stripe has no rate limit, and each Tessera round is timed
 * until its keys are written back, so the write-back is not paced (in production it is, under Stripe's
 * limit of 25 writes/s in test mode: keys then reach Stripe later than the licenses are made).
 */
export const BENCH_BACKEND_ENV = { STRIPE_WRITE_RATE_TEST: "10000" };

/** BENCH_PROFILE=<folder>: the backend writes a V8 CPU profile there when it stops. */
export const BENCH_NODE_ARGS = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];

/**
 * A running server has planner statistics: autovacuum analyzes a table each time it grows by a tenth, which
 * also replans the prepared statements and foreign-key checks that read it. These machines run PostgreSQL
 * with autovacuum off, so the benchmarks analyze after the warm-up and after every round; without it, plans
 * made while the tables were a page long scan whole tables by the end. Each on a connection of its own whose
 * server process has exited before CPU is read again, so no side's CPU figure counts it.
 */
export async function analyzeOn(connectionString: string): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  let pid: number;
  try {
    pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
  await eventually(async () => (existsSync(`/proc/${pid}`) ? undefined : true), `ANALYZE's server process ${pid} to exit`, 10_000, 5);
}

const databaseName = (url: string) => new URL(url).pathname.slice(1);

/** CPU seconds so far of a server process and of the PostgreSQL backends serving its database (NaN when not local). */
export function serverCpu(pid: number, databaseUrl: string): { server: number; postgres: number } {
  return { server: cpuSeconds(pid), postgres: postgresCpuSeconds(databaseName(databaseUrl)) ?? NaN };
}

/** CPU milliseconds per event of one side: its server, the PostgreSQL backends serving it, and this process. */
export interface CpuBreakdown {
  server: number;
  postgres: number;
  /** The load generator, plus for Tessera the fake Stripe answering its key write-backs. */
  harness: number;
}

export const harnessCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

type ServerCpu = ReturnType<typeof serverCpu>;
type Sides<T> = { ours: T; base: T };

/**
 * Each side's CPU per event over the measured rounds, from the readings before and after and the side's
 * events and harness seconds; and the server-plus-PostgreSQL figure against the baseline's (omitted when
 * PostgreSQL is not local).
 */
export function cpuFigures(
  before: Sides<ServerCpu>,
  after: Sides<ServerCpu>,
  totals: Sides<{ events: number; harness: number }>,
  per: "event" | "delivery",
): { breakdown: Sides<CpuBreakdown>; cpu?: Figure } {
  const of = (side: "ours" | "base"): CpuBreakdown => ({
    server: round2(((after[side].server - before[side].server) / totals[side].events) * 1000),
    postgres: round2(((after[side].postgres - before[side].postgres) / totals[side].events) * 1000),
    harness: round2((totals[side].harness / totals[side].events) * 1000),
  });
  const breakdown = { ours: of("ours"), base: of("base") };
  const ours = breakdown.ours.server + breakdown.ours.postgres;
  const base = breakdown.base.server + breakdown.base.postgres;
  if (!Number.isFinite(ours) || !Number.isFinite(base)) return { breakdown };
  return {
    breakdown,
    cpu: { value: round2(ours), unit: `ms CPU per ${per} (server and its PostgreSQL backends)`, baseline: round2(base), ratio: round2(ours / base) },
  };
}
