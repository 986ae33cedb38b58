import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { PublicKey } from "@tessera/shared";
import { poolOf, sqlOf, type Db } from "../db/client";
import { currentSigningKey, replaceSigningKey, validSigningKeys, type NewSigningKey, type SigningKeyRow } from "../db/signing-key-store";
import type { SecretBox } from "../crypto/secret-box";

// Each account signs its License API answers with an Ed25519 key of its own, made on first use; the
// private key is stored sealed with ENCRYPTION_KEY and bound to its account and key id.

/** Where a sealed private key belongs: copied to another row it does not open. */
export const signingKeyContext = (accountId: string, keyId: string) => `signing-key:${accountId}:${keyId}`;

/** How long a rotated key keeps verifying, unless the rotation says otherwise. */
export const DEFAULT_OVERLAP_MS = 30 * 86_400_000;

// Instances pick up a key rotated elsewhere within this time; both keys verify meanwhile.
const CACHE_MS = 60_000;

export interface AccountKey {
  id: string;
  sign(data: string | Buffer): string;
}

/** A new key pair; the id is derived from the public key, so it names that key and nothing else. */
function newKey(box: SecretBox, accountId: string): NewSigningKey {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const spki = publicKey.export({ type: "spki", format: "der" });
  const id = `ed25519_${createHash("sha256").update(spki).digest("base64url").slice(0, 16)}`;
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
  return { id, publicKey: spki.toString("base64"), privateKeyEnc: box.seal(pkcs8, signingKeyContext(accountId, id)) };
}

function loaded(box: SecretBox, row: SigningKeyRow): AccountKey {
  const key: KeyObject = createPrivateKey({ key: Buffer.from(box.open(row.privateKeyEnc, signingKeyContext(row.accountId, row.id)), "base64"), format: "der", type: "pkcs8" });
  return { id: row.id, sign: (data) => sign(null, typeof data === "string" ? Buffer.from(data) : data, key).toString("base64") };
}

export function publicKeyOf(row: Pick<SigningKeyRow, "id" | "publicKey" | "createdAt" | "retiresAt">): PublicKey {
  const der = Buffer.from(row.publicKey, "base64");
  return {
    keyId: row.id,
    algorithm: "ed25519",
    publicKey: row.publicKey,
    publicKeyPem: createPublicKey({ key: der, format: "der", type: "spki" }).export({ type: "spki", format: "pem" }).toString(),
    createdAt: row.createdAt.toISOString(),
    retiresAt: row.retiresAt?.toISOString() ?? null,
  };
}

export class SigningKeys {
  private readonly cache = new Map<string, { key: Promise<AccountKey>; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  /** The key that signs the account's answers now (made on first use). */
  current(accountId: string): Promise<AccountKey> {
    const hit = this.cache.get(accountId);
    if (hit && hit.until > Date.now()) return hit.key;
    const key = currentSigningKey(poolOf(this.db), accountId, () => newKey(this.box, accountId)).then((row) => loaded(this.box, row));
    this.cache.set(accountId, { key, until: Date.now() + CACHE_MS });
    key.catch(() => this.cache.delete(accountId));
    return key;
  }

  /** The keys software should accept: the current one (made if need be) and rotated ones still in their overlap. */
  async published(accountId: string, now = new Date()): Promise<PublicKey[]> {
    await this.current(accountId);
    return (await validSigningKeys(sqlOf(this.db), accountId, now)).map(publicKeyOf);
  }

  /** A new current key; the previous one keeps verifying for `overlapMs`. */
  async rotate(accountId: string, overlapMs = DEFAULT_OVERLAP_MS, now = new Date()): Promise<PublicKey> {
    const row = await replaceSigningKey(poolOf(this.db), accountId, newKey(this.box, accountId), new Date(now.getTime() + overlapMs));
    this.cache.delete(accountId);
    return publicKeyOf(row);
  }
}
