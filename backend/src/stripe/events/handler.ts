import type { Db } from "../../db/client";
import type { DeferredWrite } from "../../db/deferred-writes";
import type { SqlTx } from "../../db/sql";
import type { StripeGateway } from "../gateway";
import type { StripeEvent } from "./envelope";

export interface HandlerAccount {
  id: string;
  /** The catalog version when the event was routed; catalog lookups are cached per version. */
  catalogVersion: number;
  kind: "SELF_HOSTED" | "CONNECTED";
  stripeAccountId: string | null;
}

export interface HandlerContext {
  account: HandlerAccount;
  event: StripeEvent;
  db: Db;
  gateway(): StripeGateway;
  /** Drops cached prices after the vendor edited them in Stripe. */
  evictPrices(match: { priceId?: string; productId?: string }): void;
}

/** Stripe metadata that should carry the keys of new licenses once the transaction has committed. */
export interface Writeback {
  objectType: "subscription" | "payment_intent";
  objectId: string;
}

/** The answer given to Stripe; its message reads well in Stripe's delivery log. */
export interface Outcome {
  status: "PROCESSED" | "IGNORED";
  message: string;
  writebacks?: Writeback[];
  /** Writes that go out with the statement recording the event, under the locks `apply` took. */
  writes?: DeferredWrite[];
}

/**
 * One Stripe event type. `prepare` reads the payload and calls Stripe (never inside a database
 * transaction); `apply` makes the license changes inside the inbox transaction.
 */
export interface EventHandler<P = unknown> {
  type: string;
  prepare(ctx: HandlerContext): Promise<{ done: Outcome } | { next: P }>;
  apply(tx: SqlTx, prepared: P, ctx: HandlerContext): Promise<Outcome>;
  /**
   * What the event changes, e.g. `subscription:sub_123`: events with one key never share a transaction,
   * since each must see the other's writes. Handlers that name one let their events share a transaction
   * with others that arrive at the same time.
   */
  serialKey?(prepared: P): string;
}

export const defineHandler = <P>(h: EventHandler<P>): EventHandler<P> => h;
