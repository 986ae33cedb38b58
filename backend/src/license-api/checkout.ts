import type { CheckoutRequest, LicenseAnswer, OfflineLicense, OfflinePayload } from "@tessera/shared";
import { ConflictError } from "../errors";
import { offlineFile, signBody, type SignedBody } from "./signed-answer";
import { validateLicense } from "./validate";
import type { LicenseApiDeps } from "./license-api-deps";

const DEFAULT_TTL_MS = 30 * 86_400_000;

/**
 * An offline license file for one activated machine (air-gapped installs): the validation answer for that
 * machine, signed, usable until the file's expiry, which never passes the license's own.
 */
export async function checkoutOffline(deps: LicenseApiDeps, req: CheckoutRequest): Promise<{ signed: SignedBody; answer: LicenseAnswer }> {
  const answer = await validateLicense(deps, { key: req.key, fingerprint: req.fingerprint, ...(req.nonce ? { nonce: req.nonce } : {}), ...(req.accountId ? { accountId: req.accountId } : {}) });
  const accountId = answer.accountId;
  const keys = deps.keys;
  if (!answer.valid || !accountId) {
    return { answer, signed: await signBody(keys, accountId, (keyId): OfflineLicense => ({ file: null, expiresAt: null, answer: { ...answer, keyId } })) };
  }
  if (!keys) throw new ConflictError("Offline license files need signing, which is off until ENCRYPTION_KEY is set", undefined, "signing_unavailable");
  const key = await keys.current(accountId);
  const requested = new Date(deps.now().getTime() + (req.ttlSeconds ? req.ttlSeconds * 1000 : DEFAULT_TTL_MS));
  const licenseEnd = answer.entitlements?.graceUntil ?? answer.entitlements?.expiresAt;
  const expiresAt = licenseEnd && new Date(licenseEnd) < requested ? new Date(licenseEnd) : requested;
  const payload: OfflinePayload = { answer: { ...answer, keyId: key.id }, expiresAt: expiresAt.toISOString() };
  const file = await offlineFile(keys, accountId, JSON.stringify(payload));
  return { answer, signed: await signBody(keys, accountId, (keyId): OfflineLicense => ({ file, expiresAt: expiresAt.toISOString(), answer: { ...answer, keyId } })) };
}
