import { Hono } from "hono";
import { pingDb, sqlOf, type Db } from "../../db/client";
import { pendingMigrations } from "../../db/pending-migrations";
import type { AppEnv } from "../app-env";

export interface HealthSources {
  db: Db;
  databaseKind: "postgresql" | "embedded";
  /** Where the migrations the code expects are; checked on PostgreSQL, applied at start on the embedded database. */
  migrationsDir: string;
}

/**
 * `GET /health`: 200 while the database answers, 503 otherwise, so a load balancer can route around us; it
 * needs no key, so it says what is down, never where or why. `GET /health/live`: the process serves at all
 * (for a liveness probe that must not restart us over a database outage). `GET /health/ready`: the database
 * answers and has every migration this code needs.
 */
export function healthRoutes({ db, databaseKind, migrationsDir }: HealthSources) {
  return new Hono<AppEnv>()
    .get("/health", async (c) => {
      const ping = await pingDb(db);
      const database = ping.up
        ? { status: "up", kind: databaseKind, latencyMs: ping.latencyMs }
        : { status: "down", kind: databaseKind, error: ping.error };
      return c.json({ status: ping.up ? "ok" : "degraded", database }, ping.up ? 200 : 503);
    })
    .get("/health/live", (c) => c.json({ status: "ok" }, 200))
    .get("/health/ready", async (c) => {
      const ping = await pingDb(db);
      if (!ping.up) return c.json({ status: "not ready", reason: `database ${ping.error}` }, 503);
      if (databaseKind === "postgresql") {
        const pending = await pendingMigrations(sqlOf(db), migrationsDir).catch(() => null);
        if (pending === null) return c.json({ status: "not ready", reason: "database unreachable" }, 503);
        if (pending.length > 0) return c.json({ status: "not ready", reason: `${pending.length} migration(s) not applied`, pending }, 503);
      }
      return c.json({ status: "ready" }, 200);
    });
}
