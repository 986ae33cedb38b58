import { z } from "@hono/zod-openapi";
import { iso, pathParam, timestamp } from "../common-schema";

export const EventSchema = z
  .object({
    id: z.string(),
    stripeEventId: z.string().openapi({ example: "evt_1Q…" }),
    type: z.string().openapi({ example: "invoice.paid" }),
    status: z.enum(["PROCESSED", "IGNORED", "FAILED"]),
    errorCode: z.string().nullable().openapi({ example: "UNKNOWN_PRODUCT" }),
    outcome: z.string().openapi({ description: "The answer given to Stripe, e.g. why the event failed" }),
    receivedAt: timestamp,
    replayCount: z.int(),
  })
  .openapi("WebhookEvent");

export const EventQuery = z.object({
  status: z.enum(["FAILED", "PROCESSED", "IGNORED"]).default("FAILED"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const ReplayResultSchema = z
  .object({
    id: z.string(),
    stripeEventId: z.string(),
    type: z.string(),
    status: z.enum(["PROCESSED", "IGNORED", "FAILED", "DUPLICATE", "UNROUTED", "ERROR"]).openapi({
      description: "PROCESSED once the fix worked; FAILED again with the new reason; ERROR when it could not run (e.g. Stripe unreachable)",
    }),
    message: z.string(),
    errorCode: z.string().nullable(),
  })
  .openapi("ReplayResult");

export const EventParams = z.object({ id: pathParam("id", "evt_1Q…").openapi({ description: "The event's id here, or its Stripe event id" }) });

export const eventJson = (e: {
  id: string;
  stripeEventId: string;
  type: string;
  status: "PROCESSED" | "IGNORED" | "FAILED";
  errorCode: string | null;
  outcome: string;
  receivedAt: Date;
  replayCount: number;
}): z.infer<typeof EventSchema> => ({ ...e, receivedAt: iso(e.receivedAt) });
