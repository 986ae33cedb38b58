import { z } from "zod";
import { parseObject } from "../envelope";
import { defineHandler } from "./handler";

const productSchema = z.object({ id: z.string(), object: z.literal("product") });

/** Product metadata is the fallback of every price of the product: forget them all. */
export const productUpdated = defineHandler<string>({
  type: "product.updated",
  async prepare(ctx) {
    return { next: parseObject(productSchema, ctx.event).id };
  },
  async apply(_tx, productId, ctx) {
    ctx.evictPrices({ productId });
    return { status: "PROCESSED", message: `Prices of product ${productId} will be read from Stripe again` };
  },
});
