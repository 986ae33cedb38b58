// The few error kinds the service raises on purpose. http/error-handler.ts maps them to HTTP, once.

export abstract class AppError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The caller sent something we cannot accept (body, query, header). */
export class ValidationError extends AppError {
  readonly code = "invalid_request";
}

export class AuthenticationError extends AppError {
  readonly code = "unauthenticated";
}

export class NotFoundError extends AppError {
  readonly code = "not_found";
}

export class ConflictError extends AppError {
  readonly code: string;
  constructor(message: string, details?: unknown, code = "conflict") {
    super(message, details);
    this.code = code;
  }
}

export class PayloadTooLargeError extends AppError {
  readonly code = "payload_too_large";
}

/** A webhook whose signature, timestamp or body cannot be trusted. */
export class WebhookSignatureError extends AppError {
  readonly code = "invalid_signature";
}

/** Too many requests; the caller may retry after `retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  readonly code = "rate_limited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A dependency (database, Stripe) failed; the caller may retry. */
export class UnavailableError extends AppError {
  readonly code = "unavailable";
}
