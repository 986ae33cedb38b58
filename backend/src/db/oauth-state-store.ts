import type { Db } from "./client";

// The one module that writes OAuthState rows: the nonces of connect flows under way.

export async function insertOAuthState(db: Db, nonce: string, expiresAt: Date): Promise<void> {
  await db.oAuthState.create({ data: { nonce, expiresAt } });
  // Abandoned flows leave rows behind; each new flow clears the expired ones.
  await db.oAuthState.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

/** Uses up a nonce: true the first time, false when it was never issued or already used. */
export async function consumeOAuthState(db: Db, nonce: string): Promise<boolean> {
  const { count } = await db.oAuthState.deleteMany({ where: { nonce } });
  return count === 1;
}
