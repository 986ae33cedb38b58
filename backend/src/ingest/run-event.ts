import { poolOf, sqlOf, type Db } from "../db/client";
import { AlreadyRecorded } from "../db/deferred-writes";
import { runAlone, type TransactionBatcher, type TransactionJob } from "../db/transaction-batcher";
import type { Account } from "../licensing/account";
import { LicensingFailure } from "../licensing/failures";
import type { StripeAccess } from "../stripe/stripe-access";
import type { MissingPrices } from "./apply/price-specs";
import type { StripeEvent } from "./envelope";
import { answerOf, duplicate, failed, type EventAnswer, type EventRecord } from "./event-record";
import type { EventHandler, HandlerContext } from "./events/handler";
import type { InboxEntry } from "./inbox-entry";
import { RetryBudget, retryReasonOf } from "./retry";
import type { RecordedEvents } from "./routing/recorded-events";
import { checkRoutedAccount, type RoutedAccountCache } from "./routing/routed-account-cache";

export interface IngestDeps {
  db: Db;
  stripeAccess: StripeAccess;
  /** Told about committed write-backs, so keys reach Stripe without waiting for the next sweep. */
  onWriteback?: (accountId: string) => void;
  /** Lets deliveries that arrive together share a transaction; without it each has its own. */
  batcher?: TransactionBatcher;
  /** Saves the account lookup of each delivery; without it every event looks its account up. */
  accounts?: RoutedAccountCache;
  /** Answers redeliveries of events this process recorded without touching Stripe or the database. */
  recorded?: RecordedEvents;
  /** Tessera's own Stripe App (its OAuth client id, ca_…): only its uninstall disconnects an account. */
  ownApplicationId?: string;
}

/** The account, inbox entry and handler an event is applied with. */
export interface Resolved {
  account: Account;
  entry: InboxEntry;
  handler: EventHandler<unknown>;
  /** The account came from the route cache: the transaction checks it is still current. */
  cached: boolean;
  /** Read prices from Stripe even when cached (a replay after the vendor fixed a price). */
  freshPrices: boolean;
}

/** How an event reaches the engine: a delivery from Stripe (receive-event.ts) or a replay (failed-events.ts). */
export interface EventSource {
  event: StripeEvent;
  /** What to apply the event with; or the answer when it is not applied, which the source has recorded. */
  resolve(): Promise<Resolved | { answer: EventAnswer }>;
  /** The cached route was stale: the next resolve looks the account up. */
  forgetRoute(): void;
}

function contextFor(deps: IngestDeps, r: Resolved, event: StripeEvent): HandlerContext {
  return {
    account: r.account,
    event,
    sql: sqlOf(deps.db),
    gateway: () => deps.stripeAccess.gatewayFor(r.account, { fresh: r.freshPrices }),
    evictPrices: (match) => deps.stripeAccess.evictPrices(r.account, match),
    ownApplicationId: deps.ownApplicationId ?? null,
  };
}

function runJob<T>(deps: IngestDeps, job: TransactionJob<T>): Promise<T> {
  return deps.batcher ? deps.batcher.run(job) : runAlone(poolOf(deps.db), job);
}

/**
 * Records an event that changes nothing (ignored, failed) in a transaction of its own. A concurrent
 * duplicate loses quietly; `seen` words its answer ("processed", or "received" for an event only recorded).
 */
export async function recordWithoutChanges(
  deps: IngestDeps,
  entry: InboxEntry,
  event: StripeEvent,
  record: EventRecord,
  seen = "processed",
): Promise<EventAnswer> {
  try {
    await runAlone(poolOf(deps.db), {
      run: async (tx) => {
        await entry.claim(tx);
        return { write: entry.statement(record), result: undefined };
      },
    });
    return answerOf(record);
  } catch (err) {
    if (err instanceof AlreadyRecorded) return duplicate(event, seen);
    throw err;
  }
}

/**
 * The event's transaction: the inbox entry claimed, the cached account checked (its query goes out with
 * the handler's first statements), the handler's reads, locks and decisions, then one statement that
 * writes everything and the inbox row, sent with COMMIT. New deliveries may share it with others.
 */
function commitEvent(deps: IngestDeps, r: Resolved, ctx: HandlerContext, prepared: unknown, alone: boolean): Promise<EventRecord> {
  const key = r.entry.shareable && !alone ? r.handler.serialKey?.(prepared) : undefined;
  return runJob(deps, {
    ...(key ? { key: `${r.account.id}:${key}`, lane: r.account.id } : {}),
    run: async (tx) => {
      await r.entry.claim(tx);
      const verify = r.cached ? checkRoutedAccount(tx, r.account) : undefined;
      const record = await r.handler.apply(tx, prepared, ctx);
      await verify?.();
      return { write: r.entry.statement(record), result: record };
    },
  });
}

/**
 * One event, from its source to its answer: resolve the account, prepare outside any transaction (Stripe
 * calls), commit in one transaction. A LicensingFailure is the event's answer, recorded as FAILED; a lost
 * race with a duplicate is DUPLICATE; everything else either has a RetryReason, and runs again with that
 * reason's remedy, or fails the delivery (Stripe retries it later).
 */
export async function runEvent(deps: IngestDeps, source: EventSource): Promise<EventAnswer> {
  const budget = new RetryBudget();
  let resolved: Resolved | undefined;
  let prepared: { next: unknown } | undefined;
  let alone = false;
  for (;;) {
    try {
      if (!resolved) {
        const r = await source.resolve();
        if ("answer" in r) return r.answer;
        resolved = r;
      }
      const ctx = contextFor(deps, resolved, source.event);
      if (!prepared) {
        const p = await resolved.handler.prepare(ctx);
        if ("done" in p) return await recordWithoutChanges(deps, resolved.entry, source.event, p.done);
        prepared = p;
      }
      const record = await commitEvent(deps, resolved, ctx, prepared.next, alone);
      if (record.writebacks?.length) deps.onWriteback?.(resolved.account.id);
      return answerOf(record);
    } catch (err) {
      if (err instanceof LicensingFailure && resolved) {
        // The transaction rolled back every change; only the failure is kept, for the vendor to fix and replay.
        return recordWithoutChanges(deps, resolved.entry, source.event, failed(err));
      }
      if (err instanceof AlreadyRecorded) return duplicate(source.event, "processed");
      const reason = retryReasonOf(err, resolved?.cached ?? false);
      if (!reason || !budget.spend(reason)) throw err;
      switch (reason) {
        case "ACCOUNT_CHANGED":
        case "ACCOUNT_REFUSED":
          source.forgetRoute();
          resolved = undefined;
          prepared = undefined;
          break;
        case "PRICES_MISSING":
          await (err as MissingPrices).load(contextFor(deps, resolved!, source.event).gateway());
          break;
        case "BATCH_ABORTED":
          alone = true;
          break;
        case "CONFLICT":
          break;
      }
    }
  }
}
