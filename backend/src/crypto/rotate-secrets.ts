import type { Db } from "../db/client";
import type { SecretBox } from "./secret-box";

/** Re-seals one kind of stored secret with the current key where a retired key sealed it; how many it did. */
export type Resealer = (db: Db, box: SecretBox) => Promise<number>;

/**
 * `tessera secrets rotate`: after ENCRYPTION_KEY got a new key and the old one moved to
 * ENCRYPTION_KEYS_RETIRED, every stored secret is re-sealed with the new key; then the old key can go.
 */
export async function rotateSecrets(db: Db, box: SecretBox, resealers: Record<string, Resealer>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [what, reseal] of Object.entries(resealers)) counts[what] = await reseal(db, box);
  return counts;
}

/** A sealed value re-sealed with the current key (the same place), or as it was when already current. */
export function resealed(box: SecretBox, sealed: string, context: string): string {
  return box.isCurrent(sealed) ? sealed : box.seal(box.open(sealed, context), context);
}
