import { randomBytes } from "node:crypto";
import type { SecretBox } from "../crypto/secret-box";
import type { Db } from "../db/client";
import { consumeOAuthState, insertOAuthState } from "../db/oauth-state-store";

// The `state` of a connect flow: `<nonce>.<expiry>.<signature>`. The signature tells a forged state from a
// real one without a lookup, the expiry an old one, and the stored nonce (deleted on use) a replayed one.

const PURPOSE = "oauth-state";
export const STATE_TTL_MS = 10 * 60_000;

export type StateProblem = "forged" | "expired" | "replayed";

export async function issueState(db: Db, box: SecretBox, now = new Date()): Promise<string> {
  const nonce = randomBytes(18).toString("base64url");
  const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
  const body = `${nonce}.${Math.floor(expiresAt.getTime() / 1000)}`;
  await insertOAuthState(db, nonce, expiresAt);
  return `${body}.${box.sign(PURPOSE, body)}`;
}

/** Null when the state is good (and now used up), else what is wrong with it. */
export async function checkState(db: Db, box: SecretBox, state: string, now = new Date()): Promise<StateProblem | null> {
  const [nonce, expiry, signature, ...rest] = state.split(".");
  if (!nonce || !expiry || !signature || rest.length > 0 || !/^\d+$/.test(expiry)) return "forged";
  if (!box.verify(PURPOSE, `${nonce}.${expiry}`, signature)) return "forged";
  if (Number(expiry) * 1000 < now.getTime()) return "expired";
  return (await consumeOAuthState(db, nonce)) ? null : "replayed";
}
