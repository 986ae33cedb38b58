import { Prisma } from "../generated/prisma/client";
import type { WebhookEventStatus } from "../generated/prisma/enums";
import type { Db } from "./client";
import type { Sql } from "./sql";

// The one module that writes WebhookEvent and UnroutedWebhookEvent rows: the inbox of Stripe events.

/** What the inbox row of an event says: the answer Stripe got, and why an event failed. */
export interface InboxOutcome {
  status: WebhookEventStatus;
  message: string;
  errorCode: string | null;
}

/** The event as the inbox stores it; `body` is the JSON text exactly as Stripe sent it. */
export interface InboxEvent {
  id: string;
  type: string;
  livemode: boolean;
  created: Date;
  body: string;
}

/**
 * A new delivery's inbox row. A concurrent delivery of the same event blocks on the unique index until the
 * first one commits, then finds the row: the insert returns nothing, and the statement's check turns that
 * into AlreadyRecorded (see deferred-writes.ts).
 */
export function insertNewEvent(accountId: string, event: InboxEvent, outcome: InboxOutcome): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "WebhookEvent" (id, "accountId", "stripeEventId", type, livemode, "stripeCreatedAt", payload, status, outcome, "errorCode")
    VALUES (gen_random_uuid()::text, ${accountId}, ${event.id}, ${event.type}, ${event.livemode}, ${event.created},
            ${event.body}::jsonb, ${outcome.status}::"WebhookEventStatus", ${outcome.message}, ${outcome.errorCode})
    ON CONFLICT ("accountId", "stripeEventId") DO NOTHING
    RETURNING id`;
}

/** A replayed event's stored row, with its new outcome. */
export function updateReplayedEvent(rowId: string, outcome: InboxOutcome): Prisma.Sql {
  return Prisma.sql`
    UPDATE "WebhookEvent" SET status = ${outcome.status}::"WebhookEventStatus", outcome = ${outcome.message},
      "errorCode" = ${outcome.errorCode}, "processedAt" = now(), "replayCount" = "replayCount" + 1
    WHERE id = ${rowId}
    RETURNING id`;
}

/**
 * Events a vendor can replay: failed ones, and those received while the account was disconnected (recorded
 * as ignored with that code).
 */
const REPLAYABLE = Prisma.sql`(status = 'FAILED' OR (status = 'IGNORED' AND "errorCode" = 'ACCOUNT_DISCONNECTED'))`;

export const isReplayable = (row: { status: string; errorCode: string | null }) =>
  row.status === "FAILED" || (row.status === "IGNORED" && row.errorCode === "ACCOUNT_DISCONNECTED");

/** Locks a stored event for a replay; false when it is no longer replayable (another replay got there first). */
export async function lockReplayableEvent(sql: Sql, rowId: string): Promise<boolean> {
  const rows = await sql.$queryRaw<{ replayable: boolean }[]>`SELECT ${REPLAYABLE} AS replayable FROM "WebhookEvent" WHERE id = ${rowId} FOR UPDATE`;
  return rows[0]?.replayable === true;
}

/** An event for an account this backend does not know: kept for the operator, never processed. */
export async function recordUnroutedEvent(db: Db, row: { stripeAccount: string; stripeEventId: string; type: string; reason: string; payload: string }) {
  await db.unroutedWebhookEvent.createMany({
    data: [{ ...row, payload: JSON.parse(row.payload) as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
}

const eventSummarySelect = {
  id: true,
  stripeEventId: true,
  type: true,
  status: true,
  errorCode: true,
  outcome: true,
  receivedAt: true,
  replayCount: true,
} as const;

/** The account's inbox rows with a status, newest first. */
export function listEvents(db: Db, accountId: string, status: WebhookEventStatus, limit: number) {
  return db.webhookEvent.findMany({ where: { accountId, status }, select: eventSummarySelect, orderBy: { receivedAt: "desc" }, take: limit });
}

/** An inbox row of the account, by its id or by the Stripe event id (evt_…) vendors see in Stripe. */
export function findEvent(db: Db, accountId: string, id: string) {
  return db.webhookEvent.findFirst({
    where: { accountId, OR: [{ id }, { stripeEventId: id }] },
    select: { ...eventSummarySelect, payload: true },
  });
}

/** Replayable events of the account in the order Stripe created them, so a subscription's apply in order. */
export function replayableEventIds(sql: Sql, accountId: string) {
  return sql.$queryRaw<{ id: string }[]>`
    SELECT id FROM "WebhookEvent" WHERE "accountId" = ${accountId} AND ${REPLAYABLE}
    ORDER BY "stripeCreatedAt", "receivedAt"`;
}

export interface EventSummaryRow {
  id: string;
  stripeEventId: string;
  type: string;
  status: "PROCESSED" | "IGNORED" | "FAILED";
  errorCode: string | null;
  outcome: string;
  receivedAt: Date;
  replayCount: number;
}

const SUMMARY_COLUMNS = Prisma.sql`id, "stripeEventId", type, status::text AS status, "errorCode", outcome, "receivedAt", "replayCount"`;

/** A page of the account's events with a status, newest first, after the event `after` (its receivedAt and id). */
export async function selectEventPage(sql: Sql, accountId: string, status: WebhookEventStatus, after: { receivedAt: Date; id: string } | null, limit: number) {
  const rows = await sql.$queryRaw<EventSummaryRow[]>`
    SELECT ${SUMMARY_COLUMNS} FROM "WebhookEvent"
    WHERE "accountId" = ${accountId} AND status = ${status}::"WebhookEventStatus"
      ${after ? Prisma.sql`AND ("receivedAt", id) < (${after.receivedAt}::timestamptz, ${after.id}::text)` : Prisma.empty}
    ORDER BY "receivedAt" DESC, id DESC LIMIT ${limit + 1}`;
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

export async function countEvents(sql: Sql, accountId: string, status: WebhookEventStatus): Promise<number> {
  const rows = await sql.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "WebhookEvent" WHERE "accountId" = ${accountId} AND status = ${status}::"WebhookEventStatus"`;
  return rows[0]?.n ?? 0;
}

// Where the events Tessera handles name a subscription, payment intent or customer.
const OBJECT_PATHS = [
  Prisma.sql`payload #>> '{data,object,id}'`,
  Prisma.sql`payload #>> '{data,object,subscription}'`,
  Prisma.sql`payload #>> '{data,object,payment_intent}'`,
  Prisma.sql`payload #>> '{data,object,customer}'`,
  Prisma.sql`payload #>> '{data,object,parent,subscription_details,subscription}'`,
];

/**
 * Events about one Stripe object that made no license (failed or ignored), newest first: why a
 * subscription or payment shows none. Only those two kinds are searched, so the scan stays small.
 */
export function eventsAboutObject(sql: Sql, accountId: string, objectId: string, status: WebhookEventStatus, limit: number) {
  return sql.$queryRaw<EventSummaryRow[]>`
    SELECT ${SUMMARY_COLUMNS} FROM "WebhookEvent"
    WHERE "accountId" = ${accountId} AND status = ${status}::"WebhookEventStatus"
      AND ${objectId} IN (${Prisma.join(OBJECT_PATHS)})
    ORDER BY "receivedAt" DESC LIMIT ${limit}`;
}
