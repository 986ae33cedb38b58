import type { MiddlewareHandler } from "hono";
import { authenticateApiKey } from "../../api-keys/api-key-store";
import type { Db } from "../../db/client";
import { ConflictError } from "../../errors";
import type { AdminEnv } from "../app-env";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Admits requests with a valid, unrevoked admin API key and scopes them to the key's account. A
 * disconnected account reads as before (its vendor can export everything); its writes are refused.
 */
export function adminAuth(db: Db): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const auth = await authenticateApiKey(db, c.req.header("authorization"));
    if (auth.accountStatus === "DISCONNECTED" && !READS.has(c.req.method)) {
      throw new ConflictError("The account is disconnected from Tessera: its data can be read, not changed. Reconnect it to make changes.", undefined, "account_disconnected");
    }
    c.set("auth", auth);
    await next();
  };
}
