import { accountById } from "../db/account-store";
import { sqlOf } from "../db/client";
import { findEvent, isReplayable, listEvents, replayableEventIds } from "../db/inbox-store";
import { ConflictError, NotFoundError } from "../errors";
import type { WebhookEventStatus } from "../generated/prisma/enums";
import { parseEnvelope } from "./envelope";
import type { EventAnswer } from "./event-record";
import { handlerFor } from "./events/registry";
import { storedFailure } from "./inbox-entry";
import { runEvent, type EventSource, type IngestDeps } from "./run-event";

// What vendors do with the events Tessera recorded: list them, and replay failed ones once they fixed the
// price metadata or the catalog. The dashboard, the admin API and the CLI all come here.

export interface ReplayResult {
  id: string;
  stripeEventId: string;
  type: string;
  /** The engine's answer, or ERROR when replaying threw (e.g. Stripe unreachable); the event stays failed then. */
  status: EventAnswer["status"] | "ERROR";
  message: string;
  errorCode: string | null;
}

type StoredEvent = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

export function listRecordedEvents(deps: Pick<IngestDeps, "db">, accountId: string, status: WebhookEventStatus, limit: number) {
  return listEvents(deps.db, accountId, status, limit);
}

/** A stored failure as the engine's source: the account it was recorded for, prices read fresh. */
function replay(deps: IngestDeps, accountId: string, row: StoredEvent): EventSource {
  const event = parseEnvelope(row.payload, JSON.stringify(row.payload));
  return {
    event,
    forgetRoute: () => undefined,
    resolve: async () => {
      const handler = handlerFor(event.type);
      if (!handler) return { answer: { status: "IGNORED", message: `Tessera does not act on ${event.type} events` } };
      const account = await accountById(sqlOf(deps.db), accountId);
      if (!account) throw new NotFoundError(`No account ${accountId}`);
      return { account, entry: storedFailure(accountId, row.id), handler, cached: false, freshPrices: true };
    },
  };
}

async function replayRow(deps: IngestDeps, accountId: string, row: StoredEvent): Promise<ReplayResult> {
  const answer = await runEvent(deps, replay(deps, accountId, row));
  return { id: row.id, stripeEventId: row.stripeEventId, type: row.type, status: answer.status, message: answer.message, errorCode: answer.errorCode ?? null };
}

async function refuseWhileDisconnected(deps: Pick<IngestDeps, "db">, accountId: string): Promise<void> {
  const account = await accountById(sqlOf(deps.db), accountId);
  if (account?.status === "DISCONNECTED") {
    throw new ConflictError("The account is disconnected: reconnect it, then replay its events", undefined, "account_disconnected");
  }
}

/** Runs one failed event (or one received while disconnected) again, by its id or its Stripe event id. */
export async function replayFailedEvent(deps: IngestDeps, accountId: string, id: string): Promise<ReplayResult> {
  const row = await findEvent(deps.db, accountId, id);
  if (!row) throw new NotFoundError(`No event ${id}`);
  if (!isReplayable(row)) {
    throw new ConflictError(`Event ${row.stripeEventId} is ${row.status.toLowerCase()}; only failed events are replayed`);
  }
  await refuseWhileDisconnected(deps, accountId);
  return replayRow(deps, accountId, row);
}

/**
 * Replays every failed event of the account in the order Stripe created them, so a subscription's events
 * apply in their own order. One event that cannot be replayed does not stop the others.
 */
export async function replayAllFailed(deps: IngestDeps, accountId: string): Promise<ReplayResult[]> {
  await refuseWhileDisconnected(deps, accountId);
  const results: ReplayResult[] = [];
  for (const { id } of await replayableEventIds(sqlOf(deps.db), accountId)) {
    const row = await findEvent(deps.db, accountId, id);
    if (!row) continue;
    try {
      results.push(await replayRow(deps, accountId, row));
    } catch (err) {
      results.push({ id: row.id, stripeEventId: row.stripeEventId, type: row.type, status: "ERROR", message: err instanceof Error ? err.message : String(err), errorCode: null });
    }
  }
  return results;
}
