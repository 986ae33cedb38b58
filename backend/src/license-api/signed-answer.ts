import { OFFLINE_FILE_BEGIN, OFFLINE_FILE_END, type LicenseAnswer, type OfflineFileContent } from "@tessera/shared";
import type { SigningKeys } from "./signing-keys";

export interface SignedBody {
  /** The exact bytes to send. */
  body: string;
  /** The Tessera-Signature header's value; null when unsigned (NOT_FOUND has no account; no ENCRYPTION_KEY). */
  signature: string | null;
}

export const signatureHeader = (keyId: string, signature: string) => `keyid="${keyId}", algorithm="ed25519", signature="${signature}"`;

/**
 * The answer as the bytes that are sent, signed with its account's key over exactly those bytes. The key
 * id goes inside too, so a verified body says which key vouched for it.
 */
export async function signBody<T extends { answer: LicenseAnswer } | LicenseAnswer>(keys: SigningKeys | null, accountId: string | null, build: (keyId: string | null) => T): Promise<SignedBody> {
  if (!keys || !accountId) return { body: JSON.stringify(build(null)), signature: null };
  const key = await keys.current(accountId);
  const body = JSON.stringify(build(key.id));
  return { body, signature: signatureHeader(key.id, key.sign(body)) };
}

/** An offline license file: a PEM-like armour around base64 JSON of the signed payload and its signature. */
export async function offlineFile(keys: SigningKeys, accountId: string, payload: string): Promise<string> {
  const key = await keys.current(accountId);
  const content: OfflineFileContent = { payload, keyId: key.id, algorithm: "ed25519", signature: key.sign(payload) };
  const base64 = Buffer.from(JSON.stringify(content)).toString("base64");
  return [OFFLINE_FILE_BEGIN, ...(base64.match(/.{1,64}/g) ?? []), OFFLINE_FILE_END].join("\n");
}
