import type { DeferredWrite } from "../db/deferred-writes";
import type { WritebackObject } from "../db/writeback-store";
import type { LicensingFailure } from "../licensing/failures";
import type { StripeEvent } from "./envelope";

/**
 * What an event did, recorded in one statement with its inbox row: the outcome (which is also what Stripe
 * is answered), the writes decided under the transaction's locks, and the Stripe objects owed new keys.
 */
export interface EventRecord {
  status: "PROCESSED" | "IGNORED" | "FAILED";
  /** Reads well in Stripe's delivery log and in the dashboard. */
  message: string;
  /** Machine-readable reason of a failure, e.g. INVALID_METADATA. */
  errorCode?: string;
  writes?: DeferredWrite[];
  /** Subscriptions or payment intents whose metadata gets the keys of new licenses after the commit. */
  writebacks?: WritebackObject[];
}

export type EventStatus = EventRecord["status"] | "DUPLICATE" | "UNROUTED";

/** The answer to Stripe's delivery (and to a replay). */
export interface EventAnswer {
  status: EventStatus;
  message: string;
  errorCode?: string;
}

export const answerOf = (r: EventRecord): EventAnswer => ({
  status: r.status,
  message: r.message,
  ...(r.errorCode ? { errorCode: r.errorCode } : {}),
});

export const failed = (err: LicensingFailure): EventRecord => ({ status: "FAILED", message: err.message, errorCode: err.code });

/** The errorCode of events received while their account was disconnected: replayable once it reconnects. */
export const ACCOUNT_DISCONNECTED = "ACCOUNT_DISCONNECTED";

export const ignored = (message: string): EventRecord => ({ status: "IGNORED", message });

/** `seen`: "processed" after a handler ran, "received (…)" when the event was only recorded. */
export const duplicate = (event: StripeEvent, seen: string): EventAnswer => ({ status: "DUPLICATE", message: `Event ${event.id} was already ${seen}` });
