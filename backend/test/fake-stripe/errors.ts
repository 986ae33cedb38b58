// Error bodies shaped like Stripe's, so the SDK raises the same error classes it raises in production
// (it picks the class from the HTTP status, and callers branch on `type`/`code`).
export interface StripeErrorBody {
  type: "invalid_request_error" | "api_error" | "rate_limit_error";
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
}

export class FakeStripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

export function resourceMissing(noun: string, id: string): FakeStripeError {
  return new FakeStripeError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${noun}: '${id}'`,
    param: "id",
    doc_url: "https://stripe.com/docs/error-codes/resource-missing",
  });
}

export function invalidParam(param: string, message: string, code = "parameter_invalid"): FakeStripeError {
  return new FakeStripeError(400, { type: "invalid_request_error", code, message, param });
}

export function unrecognizedUrl(method: string, path: string): FakeStripeError {
  return new FakeStripeError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). The fake Stripe server implements only the endpoints Tessera uses.`,
  });
}

export function missingApiKey(): FakeStripeError {
  return new FakeStripeError(401, {
    type: "invalid_request_error",
    message:
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
  });
}

export function invalidApiKey(key: string): FakeStripeError {
  return new FakeStripeError(401, {
    type: "invalid_request_error",
    code: "api_key_invalid",
    message: `Invalid API Key provided: ${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
  });
}

export function expiredApiKey(key: string): FakeStripeError {
  return new FakeStripeError(401, { type: "invalid_request_error", code: "api_key_expired", message: `Expired API Key provided: ${key.slice(0, 12)}***` });
}

export function accountInvalid(key: string, account: string): FakeStripeError {
  return new FakeStripeError(403, {
    type: "invalid_request_error",
    code: "account_invalid",
    message: `The provided key '${key.slice(0, 8)}***${key.slice(-4)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
  });
}

export function injectedFailure(status: number): FakeStripeError {
  return new FakeStripeError(status, {
    type: status === 429 ? "rate_limit_error" : "api_error",
    message: `Injected failure (HTTP ${status}) requested by the test through failNext.`,
  });
}
