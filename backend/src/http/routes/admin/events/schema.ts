import { z } from "@hono/zod-openapi";
import { pathParam } from "../common-schema";

export const EventQuery = z.object({
  status: z.enum(["FAILED", "PROCESSED", "IGNORED"]).default("FAILED"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const EventParams = z.object({ id: pathParam("id", "evt_1Q…").openapi({ description: "The event's id here, or its Stripe event id" }) });
