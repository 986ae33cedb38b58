import { poolOf, sqlOf, type Db } from "../db/client";
import { AlreadyRecorded, commitWithWrites, statementWithWrites, type DeferredWrite } from "../db/deferred-writes";
import type { TransactionBatcher } from "../db/transaction-batcher";
import { sqlTransaction, type SqlTx } from "../db/sql";
import { Prisma } from "../generated/prisma/client";
import { LicensingFailure } from "../licensing/failures";
import { parseEnvelope, type StripeEvent } from "../stripe/events/envelope";
import type { EventHandler, HandlerAccount, HandlerContext, Outcome, Writeback } from "../stripe/events/handler";
import { handlerFor } from "../stripe/events/registry";
import { MissingPrices } from "../stripe/price-specs";
import type { StripeAccess } from "../stripe/stripe-access";
import { resolveAccount, type Resolution, type RoutedAccount } from "./resolve-account";
import { AccountChanged, checkRoutedAccount, type RoutedAccountCache } from "./routed-account-cache";

export interface ProcessDeps {
  db: Db;
  stripeAccess: StripeAccess;
  /** Told about committed writebacks, so keys reach Stripe without waiting for the next sweep. */
  onWriteback?: (accountId: string) => void;
  /** Lets deliveries that arrive together share a transaction; without it each has its own. */
  batcher?: TransactionBatcher;
  /** Saves the account lookup of each delivery; without it every event looks its account up. */
  accounts?: RoutedAccountCache;
}

export type EventStatus = "PROCESSED" | "IGNORED" | "FAILED" | "DUPLICATE" | "UNROUTED";

export interface EventAnswer {
  status: EventStatus;
  message: string;
  errorCode?: string;
}

/** License-key write-backs, queued in the statement that records the event (one outbox row per object). */
function writebackWrite(accountId: string, writebacks: Writeback[] | undefined): DeferredWrite[] {
  if (!writebacks?.length) return [];
  return [
    {
      name: "queued_writebacks",
      sql: Prisma.sql`
        INSERT INTO "StripeWriteback" (id, "accountId", "objectType", "objectId", "updatedAt")
        VALUES ${Prisma.join(writebacks.map((w) => Prisma.sql`(gen_random_uuid()::text, ${accountId}, ${w.objectType}, ${w.objectId}, now())`))}
        ON CONFLICT ("accountId", "objectType", "objectId") DO UPDATE
          SET generation = "StripeWriteback".generation + 1, "updatedAt" = now()
        RETURNING 1`,
    },
  ];
}

/** What the handler decided, written with the event's inbox row. */
interface Settlement {
  answer: EventAnswer;
  writes?: DeferredWrite[];
  writebacks?: Writeback[];
}

const writesOf = (accountId: string, s: Settlement) => [...(s.writes ?? []), ...writebackWrite(accountId, s.writebacks)];

/** The statement that records a settlement: the event's writes, then the inbox row's own write. */
interface Recording {
  writes: DeferredWrite[];
  main: Prisma.Sql;
}

/**
 * A new delivery's inbox row, with every write of the event in front of it. A concurrent delivery of the
 * same event blocks on the unique index until the first one commits, then finds the row: the insert
 * returns nothing (AlreadyRecorded), and everything it did rolls back.
 */
function newDelivery(accountId: string, event: StripeEvent, settlement: Settlement): Recording {
  const { answer } = settlement;
  return {
    writes: writesOf(accountId, settlement),
    main: Prisma.sql`
      INSERT INTO "WebhookEvent" (id, "accountId", "stripeEventId", type, livemode, "stripeCreatedAt", payload, status, outcome, "errorCode")
      VALUES (gen_random_uuid()::text, ${accountId}, ${event.id}, ${event.type}, ${event.livemode}, ${event.created},
              ${event.body}::jsonb, ${answer.status}::"WebhookEventStatus", ${answer.message}, ${answer.errorCode ?? null})
      ON CONFLICT ("accountId", "stripeEventId") DO NOTHING
      RETURNING id`,
  };
}

/** Runs the recording as the transaction's last statement, committing in the same round trip. */
const commitRecording = (tx: SqlTx, r: Recording) => commitWithWrites(tx, r.writes, r.main);

const duplicate = (event: StripeEvent, seen: string): EventAnswer => ({ status: "DUPLICATE", message: `Event ${event.id} was already ${seen}` });

function failureAnswer(err: LicensingFailure): EventAnswer {
  return { status: "FAILED", message: err.message, errorCode: err.code };
}

/**
 * The event's inbox row inside the transaction. A new delivery records it last, with the outcome, and
 * loses to a concurrent duplicate there (AlreadyRecorded, rolling back its work); a replay locks the stored
 * failed row first. The recording is the transaction's last statement.
 */
interface InboxEntry {
  open(tx: SqlTx): Promise<boolean>;
  record(settlement: Settlement): Recording;
  /** New deliveries may share a transaction with other events (the batcher commits them together). */
  batcher?: TransactionBatcher;
}

interface Applied {
  answer: EventAnswer;
  wrote: boolean;
}

async function runHandler(
  deps: ProcessDeps,
  handler: EventHandler<unknown>,
  ctx: HandlerContext,
  entry: InboxEntry,
  cachedAccount?: RoutedAccount,
): Promise<EventAnswer> {
  let prepared: { done: Outcome } | { next: unknown };
  try {
    prepared = await handler.prepare(ctx);
  } catch (err) {
    if (!(err instanceof LicensingFailure)) throw err;
    return settleOutside(deps.db, entry, failureAnswer(err), ctx.event);
  }
  if ("done" in prepared) {
    return settleOutside(deps.db, entry, { status: prepared.done.status, message: prepared.done.message }, ctx.event);
  }
  const apply = async (tx: SqlTx): Promise<{ settlement: Settlement; applied: Applied }> => {
    const verify = cachedAccount && checkRoutedAccount(tx, cachedAccount);
    const outcome = await handler.apply(tx, prepared.next, ctx);
    await verify?.();
    const answer: EventAnswer = { status: outcome.status, message: outcome.message };
    return {
      settlement: { answer, writes: outcome.writes, writebacks: outcome.writebacks },
      applied: { answer, wrote: (outcome.writebacks?.length ?? 0) > 0 },
    };
  };
  const alone = () =>
    sqlTransaction(poolOf(deps.db), async (tx) => {
      if (!(await entry.open(tx))) throw new AlreadyRecorded();
      const { settlement, applied } = await apply(tx);
      await commitRecording(tx, entry.record(settlement));
      return applied;
    });
  const { batcher } = entry;
  const key = batcher && handler.serialKey?.(prepared.next);
  const attempt = () => {
    if (!batcher || !key) return alone();
    return batcher.run({
      key: `${ctx.account.id}:${key}`,
      alone,
      apply: async (tx) => {
        const { settlement, applied } = await apply(tx);
        const { writes, main } = entry.record(settlement);
        return { write: statementWithWrites(writes, main), result: applied };
      },
    });
  };
  try {
    const answer = await attempt().catch(async (err) => {
      if (!(err instanceof MissingPrices)) throw err;
      await err.load(ctx.gateway());
      return attempt();
    });
    if (answer.wrote) deps.onWriteback?.(ctx.account.id);
    return answer.answer;
  } catch (err) {
    if (err instanceof AlreadyRecorded) return duplicate(ctx.event, "processed");
    if (!(err instanceof LicensingFailure)) throw err;
    // The transaction rolled back every change; only the failure is kept, for the vendor to fix and replay.
    return settleOutside(deps.db, entry, failureAnswer(err), ctx.event);
  }
}

/**
 * Records an answer that comes with no license changes (an ignored event, a failure) in a transaction of
 * its own; a concurrent duplicate loses quietly.
 */
async function settleOutside(db: Db, entry: InboxEntry, answer: EventAnswer, event: StripeEvent, seen = "processed"): Promise<EventAnswer> {
  try {
    await sqlTransaction(poolOf(db), async (tx) => {
      if (!(await entry.open(tx))) throw new AlreadyRecorded();
      await commitRecording(tx, entry.record({ answer }));
    });
    return answer;
  } catch (err) {
    if (err instanceof AlreadyRecorded) return duplicate(event, seen);
    throw err;
  }
}

function contextFor(deps: ProcessDeps, account: HandlerAccount, event: StripeEvent, fresh = false): HandlerContext {
  return {
    account,
    event,
    db: deps.db,
    gateway: () => deps.stripeAccess.gatewayFor(account, { fresh }),
    evictPrices: (match) => deps.stripeAccess.evictPrices(account, match),
  };
}

/** One verified Stripe event: routed to its account, recorded in the inbox once, applied at most once. */
export async function processEvent(deps: ProcessDeps, event: StripeEvent): Promise<EventAnswer> {
  const cached = deps.accounts?.get(event);
  if (cached) {
    try {
      return await processRouted(deps, event, { kind: "account", account: cached, seenStatus: null }, cached);
    } catch (err) {
      if (!staleRoute(err)) throw err;
      deps.accounts!.forget(event);
    }
  }
  return processRouted(deps, event, await resolveAccount(sqlOf(deps.db), event));
}

/**
 * How a stale cache entry shows: the transaction found the account changed, or Stripe refused a call made
 * for it before the transaction (401/403: the vendor disconnected the app). The event then starts over
 * with its account looked up.
 */
function staleRoute(err: unknown): boolean {
  if (err instanceof AccountChanged) return true;
  const status = (err as { statusCode?: unknown }).statusCode;
  return status === 401 || status === 403;
}

async function processRouted(deps: ProcessDeps, event: StripeEvent, resolution: Resolution, cached?: RoutedAccount): Promise<EventAnswer> {
  const { db } = deps;
  if (resolution.kind === "unrouted") {
    await db.unroutedWebhookEvent.createMany({
      data: [{ stripeAccount: resolution.stripeAccount, stripeEventId: event.id, type: event.type, reason: resolution.reason, payload: JSON.parse(event.body) as Prisma.InputJsonValue }],
      skipDuplicates: true,
    });
    return { status: "UNROUTED", message: `${resolution.reason}; event recorded, not processed` };
  }
  const { account, seenStatus } = resolution;
  if (!cached) deps.accounts?.remember(event, account);
  if (seenStatus) return duplicate(event, `received (${seenStatus.toLowerCase()})`);
  const entry: InboxEntry = {
    open: async () => true,
    record: (settlement) => newDelivery(account.id, event, settlement),
    ...(deps.batcher ? { batcher: deps.batcher } : {}),
  };
  if (account.status === "DISCONNECTED") {
    return settleOutside(db, entry, { status: "IGNORED", message: "The account is disconnected; event recorded, not processed" }, event, "received");
  }
  const handler = handlerFor(event.type);
  if (!handler) {
    return settleOutside(db, entry, { status: "IGNORED", message: `Tessera does not act on ${event.type} events` }, event, "received");
  }
  return runHandler(deps, handler, contextFor(deps, account, event), entry, cached);
}

/** Runs a failed event again, e.g. after the vendor fixed the price metadata or the catalog. */
export async function replayEvent(deps: ProcessDeps, accountId: string, webhookEventId: string): Promise<EventAnswer> {
  const row = await deps.db.webhookEvent.findFirst({
    where: { id: webhookEventId, accountId },
    include: { account: { select: { id: true, kind: true, stripeAccountId: true, status: true, catalogVersion: true } } },
  });
  if (!row) return { status: "FAILED", message: `No event ${webhookEventId}`, errorCode: "NOT_FOUND" };
  if (row.status !== "FAILED") return { status: "DUPLICATE", message: `Event ${row.stripeEventId} is ${row.status.toLowerCase()}, not failed` };
  const event = parseEnvelope(row.payload, JSON.stringify(row.payload));
  const handler = handlerFor(event.type);
  if (!handler) return { status: "IGNORED", message: `Tessera does not act on ${event.type} events` };
  const entry: InboxEntry = {
    open: async (tx) => {
      const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "WebhookEvent" WHERE id = ${row.id} FOR UPDATE`;
      return locked[0]?.status === "FAILED";
    },
    record: (settlement) => {
      const { answer } = settlement;
      return {
        writes: writesOf(row.accountId, settlement),
        main: Prisma.sql`
          UPDATE "WebhookEvent" SET status = ${answer.status}::"WebhookEventStatus", outcome = ${answer.message},
            "errorCode" = ${answer.errorCode ?? null}, "processedAt" = now(), "replayCount" = "replayCount" + 1
          WHERE id = ${row.id}
          RETURNING id`,
      };
    },
  };
  return runHandler(deps, handler, contextFor(deps, row.account, event, true), entry);
}
