import { ConflictError, NotFoundError } from "../errors";
import { replayEvent, type EventAnswer, type ProcessDeps } from "../webhooks/process-event";

export interface ReplayResult {
  id: string;
  stripeEventId: string;
  type: string;
  /** The engine's answer, or ERROR when replaying threw (e.g. Stripe unreachable); the event stays failed then. */
  status: EventAnswer["status"] | "ERROR";
  message: string;
  errorCode: string | null;
}

/** An inbox row of the account, by its id or by the Stripe event id (evt_…) vendors see in Stripe. */
async function findEvent(deps: ProcessDeps, accountId: string, id: string) {
  const row = await deps.db.webhookEvent.findFirst({
    where: { accountId, OR: [{ id }, { stripeEventId: id }] },
    select: { id: true, stripeEventId: true, type: true, status: true },
  });
  if (!row) throw new NotFoundError(`No event ${id}`);
  return row;
}

/** Runs one failed event again, once the vendor has fixed the price metadata or the catalog. */
export async function replayOne(deps: ProcessDeps, accountId: string, id: string): Promise<ReplayResult> {
  const row = await findEvent(deps, accountId, id);
  if (row.status !== "FAILED") throw new ConflictError(`Event ${row.stripeEventId} is ${row.status.toLowerCase()}; only failed events are replayed`);
  const answer = await replayEvent(deps, accountId, row.id);
  return { id: row.id, stripeEventId: row.stripeEventId, type: row.type, status: answer.status, message: answer.message, errorCode: answer.errorCode ?? null };
}

/**
 * Replays every failed event of the account in the order Stripe created them, so a subscription's events
 * apply in their own order. One event that cannot be replayed does not stop the others.
 */
export async function replayAllFailed(deps: ProcessDeps, accountId: string): Promise<ReplayResult[]> {
  const failed = await deps.db.webhookEvent.findMany({
    where: { accountId, status: "FAILED" },
    select: { id: true, stripeEventId: true, type: true },
    orderBy: [{ stripeCreatedAt: "asc" }, { receivedAt: "asc" }],
  });
  const results: ReplayResult[] = [];
  for (const row of failed) {
    try {
      const answer = await replayEvent(deps, accountId, row.id);
      results.push({ ...row, status: answer.status, message: answer.message, errorCode: answer.errorCode ?? null });
    } catch (err) {
      results.push({ ...row, status: "ERROR", message: err instanceof Error ? err.message : String(err), errorCode: null });
    }
  }
  return results;
}
