import type { Sql, SqlTx } from "../../db/sql";
import type { Account } from "../../licensing/account";
import type { StripeGateway } from "../../stripe/gateway";
import type { StripeEvent } from "../envelope";
import type { EventRecord } from "../event-record";

export interface HandlerContext {
  account: Account;
  event: StripeEvent;
  /** Reads before the transaction (prepare); writes only ever go through `apply`. */
  sql: Sql;
  gateway(): StripeGateway;
  /** Drops cached prices after the vendor edited them in Stripe. */
  evictPrices(match: { priceId?: string; productId?: string }): void;
  /** Tessera's own application id (ca_…) when hosted OAuth connect is set up. */
  ownApplicationId: string | null;
}

/** What a handler decides: processed or ignored (a failure is thrown as LicensingFailure). */
export type HandlerRecord = EventRecord & { status: "PROCESSED" | "IGNORED" };

/**
 * One Stripe event type. `prepare` reads the payload and calls Stripe (never inside a database
 * transaction); `apply` decides the license changes inside the inbox transaction and returns them as
 * writes, which go out with the statement recording the event.
 */
export interface EventHandler<P = unknown> {
  type: string;
  prepare(ctx: HandlerContext): Promise<{ done: HandlerRecord } | { next: P }>;
  apply(tx: SqlTx, prepared: P, ctx: HandlerContext): Promise<HandlerRecord>;
  /**
   * What the event changes, e.g. `subscription:sub_123`: events with one key never share a transaction,
   * since each must see the other's writes. Handlers that name one let their events share a transaction
   * with others that arrive at the same time.
   */
  serialKey?(prepared: P): string;
}

export const defineHandler = <P>(h: EventHandler<P>): EventHandler<P> => h;
