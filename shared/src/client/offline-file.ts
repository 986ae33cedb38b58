import { OFFLINE_FILE_BEGIN, OFFLINE_FILE_END, OfflineFileContent, OfflinePayload, type PublicKey } from "../api/license-api";
import { TesseraVerificationError } from "./errors";
import { base64Decode, verifyEd25519 } from "./verify";

/**
 * Checks an offline license file (POST /v1/licenses/checkout) without calling Tessera: signed by one of the
 * account's keys, for this machine and account, and not expired. Answers what it vouches for.
 */
export async function verifyOfflineFile(
  file: string,
  opts: { accountId: string; fingerprint: string; publicKeys: PublicKey[]; now?: Date },
): Promise<OfflinePayload> {
  const text = file.trim();
  if (!text.startsWith(OFFLINE_FILE_BEGIN) || !text.endsWith(OFFLINE_FILE_END)) throw new TesseraVerificationError("Not a Tessera license file");
  const inner = text.slice(OFFLINE_FILE_BEGIN.length, text.length - OFFLINE_FILE_END.length).replace(/\s+/g, "");
  let content: OfflineFileContent;
  try {
    content = OfflineFileContent.parse(JSON.parse(new TextDecoder().decode(base64Decode(inner))));
  } catch {
    throw new TesseraVerificationError("The license file is damaged");
  }
  const key = opts.publicKeys.find((k) => k.keyId === content.keyId);
  if (!key) throw new TesseraVerificationError(`The license file is signed with key ${content.keyId}, which this account does not publish`);
  if (!(await verifyEd25519(key, new TextEncoder().encode(content.payload), content.signature))) {
    throw new TesseraVerificationError("The license file's signature does not verify");
  }
  const payload = OfflinePayload.parse(JSON.parse(content.payload));
  if (payload.answer.accountId !== opts.accountId) throw new TesseraVerificationError("The license file is for another account");
  if (payload.answer.fingerprint !== opts.fingerprint) throw new TesseraVerificationError("The license file is for another machine");
  if (Date.parse(payload.expiresAt) <= (opts.now ?? new Date()).getTime()) throw new TesseraVerificationError(`The license file expired at ${payload.expiresAt}`);
  return payload;
}
