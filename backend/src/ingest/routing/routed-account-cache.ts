import { accountNowQuery } from "../../db/account-store";
import type { SqlTx } from "../../db/sql";
import type { Account } from "../../licensing/account";
import type { StripeEvent } from "../envelope";

/**
 * Connected accounts by the way events reach them (a Connect account id, or the operator's own account of
 * a mode), so a delivery does not spend a database round trip finding its account. An entry may be stale:
 * the transaction that changes licenses re-reads the account's status and catalog version with its locks
 * and starts over with a fresh lookup when they moved (AccountChanged). Entries also expire, for accounts
 * that were removed.
 */
export class RoutedAccountCache {
  private readonly entries = new Map<string, { account: Account; until: number }>();

  constructor(private readonly opts: { ttlMs: number; maxEntries: number }) {}

  private static key(event: StripeEvent): string {
    return event.account ? `connected:${event.account}:${event.livemode}` : `own:${event.livemode}`;
  }

  get(event: StripeEvent, now = Date.now()): Account | undefined {
    const key = RoutedAccountCache.key(event);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.account;
    this.entries.delete(key);
    return undefined;
  }

  /** Only connected accounts are kept: events of others are recorded without a transaction to check them. */
  remember(event: StripeEvent, account: Account, now = Date.now()): void {
    if (account.status !== "CONNECTED") return;
    const key = RoutedAccountCache.key(event);
    this.entries.delete(key);
    if (this.entries.size >= this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { account, until: now + this.opts.ttlMs });
  }

  forget(event: StripeEvent): void {
    this.entries.delete(RoutedAccountCache.key(event));
  }
}

/** The account's status or catalog version changed since it was cached; the event starts over. */
export class AccountChanged extends Error {
  constructor(accountId: string) {
    super(`Account ${accountId} changed while its event was processed`);
  }
}

type AccountNow = { status: string; catalogVersion: number } | undefined;
// Events sharing a transaction share one read of each account.
const accountReads = new WeakMap<SqlTx, Map<string, Promise<AccountNow | "failed">>>();

/**
 * The account as the transaction sees it, asked for with the transaction's first statements (no round
 * trip of its own); AccountChanged when its status or catalog version is not what the event was routed by.
 */
export function checkRoutedAccount(tx: SqlTx, routed: Account): () => Promise<void> {
  let reads = accountReads.get(tx);
  if (!reads) accountReads.set(tx, (reads = new Map()));
  let read = reads.get(routed.id);
  if (!read) {
    const query = tx.$queryRaw<{ status: string; catalogVersion: number }[]>(accountNowQuery(routed.id));
    // A failed read fails the transaction's other statements too, and that error reaches the caller.
    read = Promise.resolve(query).then((rows) => rows[0], () => "failed" as const);
    reads.set(routed.id, read);
  }
  const settled = read;
  return async () => {
    const now = await settled;
    if (now === "failed") return;
    if (now?.status !== routed.status || now.catalogVersion !== routed.catalogVersion) throw new AccountChanged(routed.id);
  };
}
