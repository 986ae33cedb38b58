import type { SubscriptionFacts } from "../../licensing/subscription-state";
import { loadPriceSpecs, skippedNote, skippedReasons, type PriceSpec } from "../apply/price-specs";
import { syncSubscription, type SyncResult } from "../apply/subscription-sync";
import { parseObject } from "../envelope";
import { defineHandler, type HandlerContext, type HandlerRecord } from "./handler";
import { subscriptionSchema } from "./shared-schemas";

type Prepared = { facts: SubscriptionFacts; specs: Map<string, PriceSpec> };

/**
 * Loads the prices the event names. Prices of a newer stored state are found inside the transaction and
 * fetched then (MissingPrices), which is rare: it takes an out-of-order price change.
 */
export async function prepareSubscriptionFacts(ctx: HandlerContext, facts: SubscriptionFacts): Promise<Prepared> {
  const specs = await loadPriceSpecs(ctx.gateway(), facts.snapshot?.items.map((i) => i.priceId) ?? []);
  return { facts, specs };
}

export function describeSync(subscriptionId: string, result: SyncResult, what: string, specs: Map<string, PriceSpec>): HandlerRecord {
  if (result.ignoredAll) {
    return { status: "IGNORED", message: `Subscription ${subscriptionId}: no item is licensed: ${skippedReasons(specs).join("; ")}`, writes: result.writes };
  }
  const parts = [
    result.created.length > 0 ? `${result.created.length} license(s) created` : null,
    result.changed > 0 ? `${result.changed} change(s)` : null,
    result.stale ? "older than the state already applied, so only recorded" : null,
  ].filter(Boolean);
  return {
    status: "PROCESSED",
    message: `Subscription ${subscriptionId} ${what}: ${parts.join(", ") || "licenses already up to date"}${skippedNote(specs)}`,
    writes: result.writes,
    ...(result.created.length > 0 ? { writebacks: [{ objectType: "subscription" as const, objectId: subscriptionId }] } : {}),
  };
}

/** customer.subscription.created / updated / deleted: the event carries the whole subscription. */
export function subscriptionEventHandler(type: string, deleted: boolean, what: string) {
  return defineHandler<Prepared>({
    type,
    async prepare(ctx) {
      const sub = parseObject(subscriptionSchema, ctx.event);
      // A cut-short item list would read as items removed, so the full list is fetched. It is today's list,
      // perhaps newer than a late event: that only records a real later quantity early.
      const items = sub.items.has_more
        ? (await ctx.gateway().subscriptionItems(sub.id)).map((i) => ({ itemId: i.id, priceId: i.priceId, quantity: i.quantity }))
        : sub.items.data.map((i) => ({ itemId: i.id, priceId: i.price.id, quantity: i.quantity }));
      const facts: SubscriptionFacts = {
        subscriptionId: sub.id,
        customer: { stripeCustomerId: sub.customer, email: null, name: null },
        snapshot: {
          at: ctx.event.created,
          rank: 1,
          status: deleted ? "canceled" : sub.status,
          deleted,
          items,
        },
      };
      return { next: await prepareSubscriptionFacts(ctx, facts) };
    },
    serialKey: ({ facts }) => `subscription:${facts.subscriptionId}`,
    async apply(tx, { facts, specs }, ctx) {
      const result = await syncSubscription(tx, ctx.account, facts, specs, { type: "STRIPE_EVENT", id: ctx.event.id }, ctx.event.created);
      return describeSync(facts.subscriptionId, result, what, specs);
    },
  });
}
