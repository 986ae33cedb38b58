import type { Db } from "../db/client";
import type { WebhookEventStatus } from "../generated/prisma/enums";

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
