import type { RequestIdVariables } from "hono/request-id";
import type { Logger } from "../logger";

/** Per-request values every route can read with `c.get(...)`. */
export type AppEnv = {
  Variables: RequestIdVariables & { log: Logger };
};
