import { z } from "zod";
import { Timestamp } from "./common";

export const EVENT_STATUSES = ["PROCESSED", "IGNORED", "FAILED"] as const;

/** A Stripe event as Tessera received it: what it answered, and why an event failed. */
export const WebhookEventSummary = z
  .object({
    id: z.string(),
    stripeEventId: z.string().meta({ example: "evt_1Q…" }),
    type: z.string().meta({ example: "invoice.paid" }),
    status: z.enum(EVENT_STATUSES),
    errorCode: z.string().nullable().meta({ example: "UNKNOWN_PRODUCT" }),
    outcome: z.string().meta({ description: "The answer given to Stripe, e.g. why the event failed" }),
    receivedAt: Timestamp,
    replayCount: z.int(),
  })
  .meta({ id: "WebhookEvent" });
export type WebhookEventSummary = z.infer<typeof WebhookEventSummary>;

export const ReplayResult = z
  .object({
    id: z.string(),
    stripeEventId: z.string(),
    type: z.string(),
    status: z.enum(["PROCESSED", "IGNORED", "FAILED", "DUPLICATE", "UNROUTED", "ERROR"]).meta({
      description: "PROCESSED once the fix worked; FAILED again with the new reason; ERROR when it could not run (e.g. Stripe unreachable)",
    }),
    message: z.string(),
    errorCode: z.string().nullable(),
  })
  .meta({ id: "ReplayResult" });
export type ReplayResult = z.infer<typeof ReplayResult>;
