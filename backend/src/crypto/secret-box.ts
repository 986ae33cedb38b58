import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

// Secrets Tessera must be able to read back (OAuth tokens, license-signing private keys) are stored
// sealed with AES-256-GCM. Each sealed value names the key that sealed it, so keys can rotate: the new
// key seals, retired keys still open, and `tessera secrets rotate` re-seals what the retired keys hold.

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** A short public name for a key: stored beside each sealed value, never the key itself. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** A 32-byte key given as 64 hex characters or as base64 (standard or URL-safe); null if it is neither. */
export function parseKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  return bytes.length === 32 ? bytes : null;
}

export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(
    private readonly current: Buffer,
    retired: Buffer[] = [],
  ) {
    this.currentKeyId = keyIdOf(current);
    for (const key of [current, ...retired]) this.keys.set(keyIdOf(key), key);
  }

  /**
   * Seals `plaintext` for one place: `context` (e.g. "account:<id>:refresh_token") is authenticated, so
   * a sealed value copied into another row or field does not open there.
   */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.current, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.currentKeyId, iv.toString("base64url"), body.toString("base64url")].join(".");
  }

  open(sealed: string, context: string): string {
    const [version, keyId, ivText, bodyText, ...rest] = sealed.split(".");
    if (version !== VERSION || !keyId || !ivText || !bodyText || rest.length > 0) throw new SecretBoxError("not a sealed secret");
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`sealed with key ${keyId}, which is neither ENCRYPTION_KEY nor one of ENCRYPTION_KEYS_RETIRED`);
    const body = Buffer.from(bodyText, "base64url");
    if (body.length < TAG_BYTES) throw new SecretBoxError("sealed secret is truncated");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
      throw new SecretBoxError("sealed secret does not verify (altered, or sealed for another place)");
    }
  }

  /**
   * A signature of `data` for one purpose (e.g. OAuth state), with a key derived from the current one, so
   * the sealing key itself never signs anything a visitor sees.
   */
  sign(purpose: string, data: string): string {
    const key = Buffer.from(hkdfSync("sha256", this.current, Buffer.alloc(0), `tessera:${purpose}`, 32));
    return createHmac("sha256", key).update(data).digest("base64url");
  }

  verify(purpose: string, data: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(purpose, data));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** True when `sealed` was sealed with the current key (rotation leaves it alone). */
  isCurrent(sealed: string): boolean {
    return sealed.split(".")[1] === this.currentKeyId;
  }
}
