import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  AppError,
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnavailableError,
  ValidationError,
  WebhookSignatureError,
} from "../errors";
import { isDatabaseUnavailable } from "../db/unavailable";
import type { AppEnv } from "./app-env";

const STATUS = new Map<Function, ContentfulStatusCode>([
  [ValidationError, 400],
  [WebhookSignatureError, 400],
  [AuthenticationError, 401],
  [NotFoundError, 404],
  [ConflictError, 409],
  [PayloadTooLargeError, 413],
  [RateLimitedError, 429],
  [UnavailableError, 503],
]);

/** The one place where errors become HTTP answers: `{ error: { code, message, details? }, requestId }`. */
export function handleError(err: Error, c: Context<AppEnv>) {
  const requestId = c.get("requestId");
  if (err instanceof AppError) {
    const status = STATUS.get(err.constructor) ?? 500;
    c.get("log").info({ err: { code: err.code, message: err.message } }, "request refused");
    if (err instanceof RateLimitedError) c.header("Retry-After", String(err.retryAfterSeconds));
    return c.json(
      { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }, requestId },
      status,
    );
  }
  if (err instanceof HTTPException) {
    return c.json({ error: { code: "http_error", message: err.message }, requestId }, err.status);
  }
  if (isDatabaseUnavailable(err)) {
    c.get("log").warn({ err: { message: err.message } }, "database unavailable");
    return c.json({ error: { code: "unavailable", message: "The database is unavailable; retry later" }, requestId }, 503);
  }
  c.get("log").error({ err }, "unhandled error");
  return c.json({ error: { code: "internal_error", message: "Internal error; see the server log for this request id" }, requestId }, 500);
}
