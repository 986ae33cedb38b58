import { Hono } from "hono";
import { pingDb, type Db } from "../../db/client";
import type { AppEnv } from "../app-env";

/** `GET /health`: 200 while the database answers, 503 otherwise, so a load balancer can route around us. */
export function healthRoutes(db: Db, databaseKind: "postgresql" | "embedded") {
  return new Hono<AppEnv>().get("/health", async (c) => {
    const ping = await pingDb(db);
    const database = ping.up
      ? { status: "up", kind: databaseKind, latencyMs: ping.latencyMs }
      : { status: "down", kind: databaseKind, error: ping.error };
    return c.json({ status: ping.up ? "ok" : "degraded", database }, ping.up ? 200 : 503);
  });
}
