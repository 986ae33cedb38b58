import { PrismaPg } from "@prisma/adapter-pg";
import { Pool, type PoolConfig } from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { PgSql, type Sql, type SqlPool } from "./sql";

export type Db = PrismaClient;
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// Prisma and the plain-SQL paths share one pool per database, so connection limits hold for both.
const pools = new WeakMap<Db, SqlPool>();

/**
 * How long a connection attempt and a statement may take before they fail (and the request answers 503):
 * a database that stalls must not hold requests, or /health, for as long as the stall lasts.
 */
export const DEFAULT_TIMEOUT_MS = 4000;

/** `namedStatements: false` for a server whose connections share one session (the embedded PGlite). */
export function createDb(connection: PoolConfig, opts: { namedStatements?: boolean; timeoutMs?: number } = {}): Db {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Pipeline mode: statements asked for together go out without waiting for each other's answers
  // (see sqlTransaction); Prisma's own queries, one at a time, run as before.
  const pool = new Pool({
    max: 10,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    keepAlive: true,
    ...connection,
    pipeline: true,
  });
  // A connection the server closes (restart, failover, pg_terminate_backend) emits "error" on its client,
  // idle or checked out; without a listener that would end the process. The statement in flight fails on
  // its own, and the pool drops the broken client when it is released.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  pools.set(db, { pool, namedStatements: opts.namedStatements ?? true });
  return db;
}

/** The pg pool under a client made by createDb. */
export function poolOf(db: Db): SqlPool {
  const pool = pools.get(db);
  if (!pool) throw new Error("This Prisma client was not made by createDb");
  return pool;
}

export function sqlOf(db: Db): Sql {
  const { pool, namedStatements } = poolOf(db);
  return new PgSql(pool, namedStatements);
}

export async function closeDb(db: Db): Promise<void> {
  await db.$disconnect();
  const { pool } = poolOf(db);
  if (!pool.ended) await pool.end();
}

/**
 * Round-trip time to the database, or why it failed in a word (never the driver's message: /health needs
 * no key, and that message names hosts and users). Gives up after `timeoutMs`.
 */
export async function pingDb(db: Db, timeoutMs = 2000): Promise<{ up: true; latencyMs: number } | { up: false; error: "unreachable" | "timeout" }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const query = poolOf(db).pool.query("SELECT 1").then(() => "up" as const, () => "unreachable" as const);
  const answer = await Promise.race([query, timeout]);
  clearTimeout(timer);
  if (answer !== "up") return { up: false, error: answer };
  return { up: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
}
