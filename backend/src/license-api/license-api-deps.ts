import type { Db } from "../db/client";
import type { SigningKeys } from "./signing-keys";
import type { ValidationStamps } from "./validation-stamps";

/** What the License API's services need. */
export interface LicenseApiDeps {
  db: Db;
  stamps: ValidationStamps;
  /** null when answers cannot be signed (PostgreSQL without ENCRYPTION_KEY). */
  keys: SigningKeys | null;
  /** How long a floating lease lasts without a heartbeat. */
  leaseMs: number;
  now: () => Date;
}

/** Who asked: the request's id is the cause of the changes it makes, with the machine in the history line. */
export interface Caller {
  requestId: string;
}

/** Keys are stored upper case in groups; people type them in any case, with stray spaces. */
export const normaliseKey = (key: string) => key.trim().toUpperCase();
