import { z } from "zod";

/** An expandable reference: Stripe sends an id, or the object when expanded. */
export const ref = z.union([z.string(), z.object({ id: z.string() })]).transform((v) => (typeof v === "string" ? v : v.id));

export const customerRef = ref.nullable().optional().transform((v) => v ?? null);

const subscriptionItemSchema = z.object({
  id: z.string(),
  quantity: z.number().int().nonnegative().optional().default(1),
  price: z.object({ id: z.string() }),
});

/** The subscription object of customer.subscription.* events (periods sit on the items). */
export const subscriptionSchema = z.object({
  id: z.string().startsWith("sub_"),
  object: z.literal("subscription"),
  status: z.string(),
  customer: customerRef,
  items: z.object({ data: z.array(subscriptionItemSchema), has_more: z.boolean().optional() }),
});

export type SubscriptionPayload = z.infer<typeof subscriptionSchema>;
