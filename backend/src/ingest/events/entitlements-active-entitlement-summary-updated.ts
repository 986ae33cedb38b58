import { z } from "zod";
import { customerEntitlementsWrite, lockCustomerEntitlements } from "../../db/customer-store";
import { parseObject } from "../envelope";
import { defineHandler } from "./handler";
import { ref } from "./shared-schemas";

const summarySchema = z.object({
  object: z.literal("entitlements.active_entitlement_summary"),
  customer: ref,
  entitlements: z.object({
    data: z.array(z.object({ lookup_key: z.string().min(1) })),
    has_more: z.boolean().optional().default(false),
  }),
});

type Prepared = { customerId: string; features: string[] };

/**
 * A customer's Stripe Entitlements changed: the summary lists every active one, so it replaces the features
 * stored on the customer (their `lookup_key`s), which every license of that customer shows. Stripe inlines
 * at most 10; a longer list is read from Stripe. Summaries may arrive in any order: one older than the
 * summary already applied is ignored. A customer without licenses yet is kept with its features.
 */
export const entitlementsActiveEntitlementSummaryUpdated = defineHandler<Prepared>({
  type: "entitlements.active_entitlement_summary.updated",
  async prepare(ctx) {
    const summary = parseObject(summarySchema, ctx.event);
    const keys = summary.entitlements.has_more
      ? await ctx.gateway().activeEntitlementKeys(summary.customer)
      : summary.entitlements.data.map((e) => e.lookup_key);
    return { next: { customerId: summary.customer, features: [...new Set(keys)] } };
  },
  serialKey: ({ customerId }) => `customer:${customerId}`,
  async apply(tx, { customerId, features }, ctx) {
    const applied = await lockCustomerEntitlements(tx, ctx.account.id, customerId);
    if (applied && applied > ctx.event.created) {
      return {
        status: "IGNORED",
        message: `Entitlements of customer ${customerId} were summarised later (${applied.toISOString()}); this older summary changes nothing`,
      };
    }
    return {
      status: "PROCESSED",
      message: `Customer ${customerId} is entitled to ${features.length} feature(s)${features.length ? `: ${features.join(", ")}` : ""}`,
      writes: [customerEntitlementsWrite(ctx.account.id, customerId, features, ctx.event.created)],
    };
  },
});
