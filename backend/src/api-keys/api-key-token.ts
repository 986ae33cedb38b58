import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Admin API keys read `tsk_<prefix>_<secret>`. The prefix finds the stored row and may be shown (it
// identifies the key in lists and revocations); only a SHA-256 of the secret is stored.

const TOKEN = /^tsk_([0-9a-f]{12})_([0-9a-f]{48})$/;

export interface ApiKeyToken {
  prefix: string;
  secret: string;
}

export interface NewApiKey extends ApiKeyToken {
  /** The whole key, shown to the operator once. */
  token: string;
  secretHash: string;
}

export const hashSecret = (secret: string): string => createHash("sha256").update(secret).digest("hex");

/** 48 bits of prefix (unique per key) and 192 bits of secret. */
export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(24).toString("hex");
  return { prefix, secret, token: `tsk_${prefix}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseApiKey(token: string): ApiKeyToken | null {
  const match = TOKEN.exec(token);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

/** Compares in constant time, so the answer's timing says nothing about how much of the secret matched. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
