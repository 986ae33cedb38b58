import { resealed, type Resealer } from "../crypto/rotate-secrets";
import { allSigningKeys, resealSigningKey } from "../db/signing-key-store";
import { signingKeyContext } from "./signing-keys";

/** Every signing key's private half sealed with the current ENCRYPTION_KEY. */
export const resealSigningKeys: Resealer = async (db, box) => {
  let count = 0;
  for (const key of await allSigningKeys(db)) {
    const next = resealed(box, key.privateKeyEnc, signingKeyContext(key.accountId, key.id));
    if (next === key.privateKeyEnc) continue;
    await resealSigningKey(db, key.id, next);
    count++;
  }
  return count;
};
