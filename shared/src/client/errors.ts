/** The answer could not be trusted: bad or missing signature, unknown key, or not the answer to this request. */
export class TesseraVerificationError extends Error {
  override readonly name = "TesseraVerificationError";
}

/** Tessera refused the request (400, 413, 409…) with its `{ error: { code, message } }`. */
export class TesseraRequestError extends Error {
  override readonly name: string = "TesseraRequestError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Still rate limited after the retries the client was allowed; retry after `retryAfterSeconds`. */
export class TesseraRateLimitedError extends TesseraRequestError {
  override readonly name = "TesseraRateLimitedError";
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(429, "rate_limited", message);
  }
}

/** Tessera could not be reached (or failed) and no cached answer within the grace period was there. */
export class TesseraUnavailableError extends Error {
  override readonly name = "TesseraUnavailableError";
}
