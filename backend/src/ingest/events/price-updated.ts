import { z } from "zod";
import { parseObject } from "../envelope";
import { defineHandler } from "./handler";

const priceSchema = z.object({ id: z.string(), object: z.literal("price") });

/** The vendor edited a price (often its license metadata): the next event reads it from Stripe again. */
export const priceUpdated = defineHandler<string>({
  type: "price.updated",
  async prepare(ctx) {
    return { next: parseObject(priceSchema, ctx.event).id };
  },
  async apply(_tx, priceId, ctx) {
    ctx.evictPrices({ priceId });
    return { status: "PROCESSED", message: `Price ${priceId} will be read from Stripe again` };
  },
});
