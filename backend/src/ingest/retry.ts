import { isRetryableConflict } from "../db/sql";
import { BatchAborted } from "../db/transaction-batcher";
import { MissingPrices } from "./apply/price-specs";
import { AccountChanged } from "./routing/routed-account-cache";

/** Why an event's work runs again. Each reason has its remedy in runEvent and its own limit here. */
export type RetryReason =
  /** The cached account's status or catalog version moved: route the event again. */
  | "ACCOUNT_CHANGED"
  /** Stripe refused a call made for a cached account (401/403, e.g. the app was uninstalled): route again. */
  | "ACCOUNT_REFUSED"
  /** The stored state names prices the event did not: load them, then run the transaction again. */
  | "PRICES_MISSING"
  /** A deadlock or serialization failure: nothing was kept, run the transaction again. */
  | "CONFLICT"
  /** Another event of the shared transaction failed: run this one again in a transaction of its own. */
  | "BATCH_ABORTED";

const LIMITS: Record<RetryReason, number> = {
  ACCOUNT_CHANGED: 1,
  ACCOUNT_REFUSED: 1,
  PRICES_MISSING: 1,
  CONFLICT: 2,
  BATCH_ABORTED: 1,
};

const isStripeRefusal = (err: unknown) => {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return status === 401 || status === 403;
};

/** The reason to run again, or null when the error is the event's answer (or a failure to report). */
export function retryReasonOf(err: unknown, routedFromCache: boolean): RetryReason | null {
  if (err instanceof AccountChanged) return "ACCOUNT_CHANGED";
  if (routedFromCache && isStripeRefusal(err)) return "ACCOUNT_REFUSED";
  if (err instanceof MissingPrices) return "PRICES_MISSING";
  if (err instanceof BatchAborted) return "BATCH_ABORTED";
  if (isRetryableConflict(err)) return "CONFLICT";
  return null;
}

/** How many runs each reason has left for one event. */
export class RetryBudget {
  private readonly used = new Map<RetryReason, number>();

  /** Takes one more run for the reason; false once its limit is spent. */
  spend(reason: RetryReason): boolean {
    const used = (this.used.get(reason) ?? 0) + 1;
    this.used.set(reason, used);
    return used <= LIMITS[reason];
  }
}
