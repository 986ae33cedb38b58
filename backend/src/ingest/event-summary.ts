import type { WebhookEventSummary } from "@tessera/shared";
import type { EventSummaryRow } from "../db/inbox-store";

/** A recorded event as every API shows it (the shared DTO). */
export const eventSummaryOf = (e: EventSummaryRow): WebhookEventSummary => ({
  id: e.id,
  stripeEventId: e.stripeEventId,
  type: e.type,
  status: e.status,
  errorCode: e.errorCode,
  outcome: e.outcome,
  receivedAt: e.receivedAt.toISOString(),
  replayCount: e.replayCount,
});
