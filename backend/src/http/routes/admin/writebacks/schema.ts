import { z } from "@hono/zod-openapi";
import type { ParkedWriteback } from "../../../../db/writeback-store";
import { iso, pathParam, timestamp } from "../common-schema";

export const ParkedWritebackSchema = z
  .object({
    id: z.string(),
    objectType: z.enum(["subscription", "payment_intent"]),
    objectId: z.string().openapi({ example: "sub_123" }),
    attempts: z.int(),
    lastError: z.string().nullable().openapi({ description: "What Stripe answered the last attempt" }),
    parkedAt: timestamp,
    createdAt: timestamp,
  })
  .openapi("ParkedWriteback");

export const WritebackParams = z.object({ id: pathParam("id", "0b5b2a9e-6f1e-4c1e-9a57-2f0c3f3f8c11") });

export const RetriedSchema = z.object({ retried: z.int() }).openapi("RetriedWritebacks");

export const parkedWritebackJson = (w: ParkedWriteback): z.infer<typeof ParkedWritebackSchema> => ({
  id: w.id,
  objectType: w.objectType as "subscription" | "payment_intent",
  objectId: w.objectId,
  attempts: w.attempts,
  lastError: w.lastError,
  parkedAt: iso(w.parkedAt),
  createdAt: iso(w.createdAt),
});
