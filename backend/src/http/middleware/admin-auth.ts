import type { MiddlewareHandler } from "hono";
import { authenticateApiKey } from "../../api-keys/api-key-store";
import type { Db } from "../../db/client";
import type { AdminEnv } from "../app-env";

/** Admits requests with a valid, unrevoked admin API key and scopes them to the key's account. */
export function adminAuth(db: Db): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    c.set("auth", await authenticateApiKey(db, c.req.header("authorization")));
    await next();
  };
}
