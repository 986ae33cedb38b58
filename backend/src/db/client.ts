import { PrismaPg } from "@prisma/adapter-pg";
import type { PoolConfig } from "pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = PrismaClient;
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDb(connection: PoolConfig): Db {
  return new PrismaClient({ adapter: new PrismaPg({ max: 10, ...connection }) });
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
