import { PrismaPg } from "@prisma/adapter-pg";
import { Pool, type PoolConfig } from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { PgSql, type Sql, type SqlPool } from "./sql";

export type Db = PrismaClient;
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// Prisma and the plain-SQL paths share one pool per database, so connection limits hold for both.
const pools = new WeakMap<Db, SqlPool>();

/** `namedStatements: false` for a server whose connections share one session (the embedded PGlite). */
export function createDb(connection: PoolConfig, opts: { namedStatements?: boolean } = {}): Db {
  // Pipeline mode: statements asked for together go out without waiting for each other's answers
  // (see sqlTransaction); Prisma's own queries, one at a time, run as before.
  const pool = new Pool({ max: 10, ...connection, pipeline: true });
  // An idle connection that the server closes (restart, failover) emits here; without a listener that
  // would crash the process. pg drops the broken client and the next query opens a fresh one.
  pool.on("error", () => undefined);
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

/** Round-trip time to the database, or the reason it failed. */
export async function pingDb(db: Db): Promise<{ up: true; latencyMs: number } | { up: false; error: string }> {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
    return { up: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return { up: false, error: err instanceof Error ? err.message : String(err) };
  }
}
