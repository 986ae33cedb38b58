import type { PublicKey } from "../api/license-api";

// Ed25519 signatures checked with WebCrypto (globalThis.crypto), so the client runs in Node 20, browsers,
// Deno and Electron alike, with no dependency beyond zod.

const decoder = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

type VerifyKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const imported = new Map<string, Promise<VerifyKey>>();

function importKey(key: PublicKey): Promise<VerifyKey> {
  let found = imported.get(key.publicKey);
  if (!found) {
    found = crypto.subtle.importKey("spki", decoder(key.publicKey), { name: "Ed25519" }, false, ["verify"]);
    imported.set(key.publicKey, found);
  }
  return found;
}

/** Whether `signature` (base64) is the key's Ed25519 signature of exactly these bytes. */
export async function verifyEd25519(key: PublicKey, bytes: Uint8Array, signature: string): Promise<boolean> {
  try {
    return await crypto.subtle.verify({ name: "Ed25519" }, await importKey(key), decoder(signature), bytes);
  } catch {
    return false;
  }
}

/** The parts of a `Tessera-Signature` header, or null when it is not one. */
export function parseSignatureHeader(header: string | null): { keyId: string; signature: string } | null {
  const match = header?.match(/^keyid="([^"]+)", algorithm="ed25519", signature="([A-Za-z0-9+/=]+)"$/);
  return match ? { keyId: match[1]!, signature: match[2]! } : null;
}

export const base64Decode = decoder;
