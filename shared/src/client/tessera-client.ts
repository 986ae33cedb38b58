import {
  LicenseAnswer,
  OfflineLicense,
  PublicKeys,
  SIGNATURE_HEADER,
  type ActivateRequest,
  type CheckoutRequest,
  type ConsumeRequest,
  type MachineRequest,
  type PublicKey,
  type ValidateRequest,
} from "../api/license-api";
import { TesseraRateLimitedError, TesseraRequestError, TesseraUnavailableError, TesseraVerificationError } from "./errors";
import { verifyOfflineFile } from "./offline-file";
import { parseSignatureHeader, verifyEd25519 } from "./verify";

export interface TesseraClientOptions {
  /** Where Tessera answers, e.g. https://licenses.example.com */
  baseUrl: string;
  /** The vendor's account id: only its keys are trusted, and another account's license keys answer NOT_FOUND. */
  accountId: string;
  /** Pinned public keys (ship them with the software); fetched from Tessera when not given. */
  publicKeys?: PublicKey[];
  /** How long the last good validation is used while Tessera cannot be reached (default 7 days). */
  gracePeriodMs?: number;
  /** How old (or how far in the future) an answer's issuedAt may be (default 5 minutes). */
  maxAnswerAgeMs?: number;
  /** 429s retried after their Retry-After when it is at most this long (default 10 s); longer ones throw. */
  maxRetryWaitMs?: number;
  /** Where the last good answers are kept; a Map by default. Persist it for offline use across restarts. */
  cache?: AnswerCache;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** Keeps verified answers by license key and fingerprint. */
export interface AnswerCache {
  get(id: string): LicenseAnswer | undefined | Promise<LicenseAnswer | undefined>;
  set(id: string, answer: LicenseAnswer): unknown;
}

/** A verified answer; `fromCache` when Tessera could not be reached and the last good one was used. */
export type ClientAnswer = LicenseAnswer & { fromCache: boolean };

type Body<T> = Omit<T, "nonce" | "accountId">;

const DAY_MS = 86_400_000;

/** A random nonce, so an old answer replayed by someone in between does not match this request. */
const freshNonce = () => crypto.randomUUID();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The License API as vendors' software calls it: every answer's signature checked against the account's
 * published keys, the nonce and fingerprint matched to the request, 429s waited out, and the last good
 * validation kept for offline use.
 */
export class TesseraClient {
  private keys: PublicKey[] | null;
  private readonly cache: AnswerCache;
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;

  constructor(private readonly opts: TesseraClientOptions) {
    this.keys = opts.publicKeys ?? null;
    this.cache = opts.cache ?? new Map<string, LicenseAnswer>();
    this.fetch = opts.fetch ?? ((...args) => globalThis.fetch(...args));
    this.now = opts.now ?? (() => new Date());
  }

  /** Validates, or answers the last good validation (`fromCache`) while Tessera cannot be reached within the grace period. */
  async validate(body: Body<ValidateRequest>): Promise<ClientAnswer> {
    const id = `${body.key.trim().toUpperCase()}|${body.fingerprint ?? ""}`;
    try {
      const answer = await this.call("/licenses/validate", body, body.fingerprint);
      if (answer.code !== "NOT_FOUND") await this.cache.set(id, answer);
      return { ...answer, fromCache: false };
    } catch (err) {
      if (!(err instanceof TesseraUnavailableError)) throw err;
      const cached = await this.cache.get(id);
      const grace = this.opts.gracePeriodMs ?? 7 * DAY_MS;
      if (cached && Date.parse(cached.issuedAt) + grace > this.now().getTime()) return { ...cached, fromCache: true };
      throw err;
    }
  }

  async activate(body: Body<ActivateRequest>): Promise<ClientAnswer> {
    return { ...(await this.call("/licenses/activate", body, body.fingerprint)), fromCache: false };
  }

  async deactivate(body: Body<MachineRequest>): Promise<ClientAnswer> {
    return { ...(await this.call("/licenses/deactivate", body, body.fingerprint)), fromCache: false };
  }

  async heartbeat(body: Body<MachineRequest>): Promise<ClientAnswer> {
    return { ...(await this.call("/licenses/heartbeat", body, body.fingerprint)), fromCache: false };
  }

  async consume(body: Body<ConsumeRequest>): Promise<ClientAnswer> {
    return { ...(await this.call("/licenses/consume", body, body.fingerprint)), fromCache: false };
  }

  /** An offline license file for this machine, verified before it is handed over. */
  async checkout(body: Body<CheckoutRequest>): Promise<OfflineLicense> {
    const nonce = freshNonce();
    const { text, signature } = await this.post("/licenses/checkout", { ...body, nonce });
    const result = OfflineLicense.parse(JSON.parse(text));
    await this.trust(text, signature, result.answer, nonce, body.fingerprint);
    if (result.file) await this.verifyOfflineFile(result.file, body.fingerprint);
    return result;
  }

  /** Checks an offline license file for this machine, with the account's keys. */
  async verifyOfflineFile(file: string, fingerprint: string) {
    return verifyOfflineFile(file, { accountId: this.opts.accountId, fingerprint, publicKeys: await this.publicKeys(), now: this.now() });
  }

  /** The account's published keys (fetched once unless pinned; again when an answer names a key not seen yet). */
  async publicKeys(refresh = false): Promise<PublicKey[]> {
    if (this.keys && !refresh) return this.keys;
    if (this.opts.publicKeys) return this.opts.publicKeys;
    const res = await this.send(`/accounts/${encodeURIComponent(this.opts.accountId)}/public-key`);
    this.keys = PublicKeys.parse(JSON.parse(await res.text())).keys;
    return this.keys;
  }

  private async call(path: string, body: object, fingerprint: string | undefined): Promise<LicenseAnswer> {
    const nonce = freshNonce();
    const { text, signature } = await this.post(path, { ...body, nonce });
    let answer: LicenseAnswer;
    try {
      answer = LicenseAnswer.parse(JSON.parse(text));
    } catch {
      throw new TesseraVerificationError("The answer is not a License API answer");
    }
    await this.trust(text, signature, answer, nonce, fingerprint);
    return answer;
  }

  /** Signed over these exact bytes by the account, for this request (nonce, fingerprint), and recent. */
  private async trust(text: string, header: string | null, answer: LicenseAnswer, nonce: string, fingerprint: string | undefined): Promise<void> {
    if (answer.nonce !== nonce) throw new TesseraVerificationError("The answer is not for this request (nonce mismatch): a replayed answer?");
    if (answer.fingerprint !== (fingerprint ?? null)) throw new TesseraVerificationError("The answer is for another machine");
    // An unknown key has no account to sign for it; an unsigned NOT_FOUND can only ever deny, never grant.
    if (answer.code === "NOT_FOUND" && answer.accountId === null && !header) return;
    if (answer.accountId !== this.opts.accountId) throw new TesseraVerificationError("The answer is from another account");
    const parsed = parseSignatureHeader(header);
    if (!parsed) throw new TesseraVerificationError(`The answer is not signed (${SIGNATURE_HEADER} missing or malformed)`);
    if (parsed.keyId !== answer.keyId) throw new TesseraVerificationError("The signature's key is not the one the answer names");
    let key = (await this.publicKeys()).find((k) => k.keyId === parsed.keyId);
    if (!key) key = (await this.publicKeys(true)).find((k) => k.keyId === parsed.keyId);
    if (!key) throw new TesseraVerificationError(`The answer is signed with key ${parsed.keyId}, which the account does not publish`);
    if (!(await verifyEd25519(key, new TextEncoder().encode(text), parsed.signature))) throw new TesseraVerificationError("The answer's signature does not verify");
    const age = Math.abs(this.now().getTime() - Date.parse(answer.issuedAt));
    if (age > (this.opts.maxAnswerAgeMs ?? 5 * 60_000)) throw new TesseraVerificationError(`The answer was issued at ${answer.issuedAt}: too old (or the clock is off)`);
  }

  private async post(path: string, body: object): Promise<{ text: string; signature: string | null }> {
    const res = await this.send(path, JSON.stringify(body));
    return { text: await res.text(), signature: res.headers.get(SIGNATURE_HEADER) };
  }

  /** One request; 429 waited out within maxRetryWaitMs; 5xx and network failures are TesseraUnavailableError. */
  private async send(path: string, body?: string): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetch(`${this.opts.baseUrl.replace(/\/$/, "")}/v1${path}`, {
          method: body === undefined ? "GET" : "POST",
          headers: body === undefined ? {} : { "content-type": "application/json" },
          ...(body === undefined ? {} : { body }),
        });
      } catch (err) {
        throw new TesseraUnavailableError(`Tessera cannot be reached: ${(err as Error).message}`);
      }
      if (res.ok) return res;
      const error = await res.json().then((b) => (b as { error?: { code?: string; message?: string } }).error, () => undefined);
      if (res.status === 429) {
        const wait = Number(res.headers.get("retry-after") ?? "1");
        if (attempt < 3 && wait * 1000 <= (this.opts.maxRetryWaitMs ?? 10_000)) {
          await sleep(wait * 1000);
          continue;
        }
        throw new TesseraRateLimitedError(wait, error?.message ?? "Too many requests");
      }
      if (res.status >= 500) throw new TesseraUnavailableError(`Tessera answered ${res.status}: ${error?.message ?? res.statusText}`);
      throw new TesseraRequestError(res.status, error?.code ?? "http_error", error?.message ?? `Tessera answered ${res.status}`);
    }
  }
}
