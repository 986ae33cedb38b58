// @tessera/shared/client: the License API for vendors' software. Depends on zod and the platform's fetch
// and WebCrypto only (Node 20+, browsers, Deno, Electron).
export { TesseraClient, type AnswerCache, type ClientAnswer, type TesseraClientOptions } from "./tessera-client";
export { verifyOfflineFile } from "./offline-file";
export { TesseraRateLimitedError, TesseraRequestError, TesseraUnavailableError, TesseraVerificationError } from "./errors";
export {
  VALIDATION_CODES,
  type ActivateRequest,
  type Entitlements,
  type LicenseAnswer,
  type OfflineLicense,
  type PublicKey,
  type ValidateRequest,
  type ValidationCode,
} from "../api/license-api";
