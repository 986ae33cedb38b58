import { ApiErrorBody } from "@tessera/shared";

/**
 * Why a backend call failed, as the views tell it apart: each kind has its own screen or wording.
 * `not_connected` and `account_disconnected` are the backend's 409 codes; `network` is a request that never
 * got an answer (backend down, or its URL missing from the manifest's connect-src); `misconfigured` is a
 * manifest without a usable BACKEND_URL constant.
 */
export type DashboardErrorKind =
  | "unauthorized"
  | "not_found"
  | "not_connected"
  | "account_disconnected"
  | "conflict"
  | "invalid"
  | "server"
  | "network"
  | "unexpected_response"
  | "misconfigured";

export class DashboardError extends Error {
  readonly kind: DashboardErrorKind;
  readonly status: number | null;
  readonly code: string | null;
  readonly details: { path: string; message: string }[];

  constructor(kind: DashboardErrorKind, message: string, extra: { status?: number; code?: string; details?: { path: string; message: string }[] } = {}) {
    super(message);
    this.name = "DashboardError";
    this.kind = kind;
    this.status = extra.status ?? null;
    this.code = extra.code ?? null;
    this.details = extra.details ?? [];
  }
}

function kindOf(status: number, code: string | undefined): DashboardErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 404) return "not_found";
  if (status === 409 && code === "not_connected") return "not_connected";
  if (status === 409 && code === "account_disconnected") return "account_disconnected";
  if (status === 409) return "conflict";
  if (status === 400 || status === 422) return "invalid";
  return "server";
}

/** The typed error for a refusal, read from the backend's error body when it sent one. */
export function errorFromResponse(status: number, body: unknown): DashboardError {
  const parsed = ApiErrorBody.safeParse(body);
  const error = parsed.success ? parsed.data.error : undefined;
  return new DashboardError(kindOf(status, error?.code), error?.message ?? `The backend answered ${status}`, {
    status,
    ...(error ? { code: error.code } : {}),
    ...(error?.details ? { details: error.details } : {}),
  });
}

/** A sentence for the vendor: what went wrong and what to do about it. */
export function describeError(error: unknown): string {
  if (!(error instanceof DashboardError)) return error instanceof Error ? error.message : String(error);
  switch (error.kind) {
    case "unauthorized":
      return `Tessera refused the app's signature: ${error.message}. Check that the backend's STRIPE_APP_SECRET is this app's signing secret.`;
    case "not_connected":
      return "Tessera is not connected to this Stripe account yet.";
    case "account_disconnected":
      return "Tessera is disconnected from this Stripe account: licenses can be read, not changed, until you reconnect.";
    case "network":
      return `Tessera could not be reached: ${error.message}`;
    case "misconfigured":
      return error.message;
    default:
      return error.message;
  }
}
