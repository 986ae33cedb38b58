import type { EventPage } from "@tessera/shared";
import { sqlOf, type Db } from "../db/client";
import { countEvents, eventsAboutObject, selectEventPage } from "../db/inbox-store";
import { eventSummaryOf } from "../ingest/event-summary";
import { dateOf, decodeCursor, encodeCursor } from "../paging/cursor";

function positionOf([receivedAt, id]: unknown[]) {
  const at = dateOf(receivedAt);
  return at && typeof id === "string" ? { receivedAt: at, id } : null;
}

/** A page of the account's events with a status, newest first. */
export async function eventPage(db: Db, accountId: string, query: { status: "PROCESSED" | "IGNORED" | "FAILED"; cursor?: string | undefined; limit: number }): Promise<EventPage> {
  const after = query.cursor ? decodeCursor(query.cursor, positionOf) : null;
  const { rows, more } = await selectEventPage(sqlOf(db), accountId, query.status, after, query.limit);
  const last = rows.at(-1);
  return { data: rows.map(eventSummaryOf), nextCursor: more && last ? encodeCursor([last.receivedAt.toISOString(), last.id]) : null };
}

const RELATED_LIMIT = 10;

/** Why an object shows no licenses: the events about it that failed, or made none on purpose. */
export async function relatedEvents(db: Db, accountId: string, objectId: string) {
  const sql = sqlOf(db);
  const [failed, ignored] = await Promise.all([
    eventsAboutObject(sql, accountId, objectId, "FAILED", RELATED_LIMIT),
    eventsAboutObject(sql, accountId, objectId, "IGNORED", RELATED_LIMIT),
  ]);
  return { failed: failed.map(eventSummaryOf), ignored: ignored.map(eventSummaryOf) };
}

export async function failedEventsSummary(db: Db, accountId: string) {
  const sql = sqlOf(db);
  const [count, recent] = await Promise.all([countEvents(sql, accountId, "FAILED"), selectEventPage(sql, accountId, "FAILED", null, 5)]);
  return { count, recent: recent.rows.map(eventSummaryOf) };
}
