import { z } from "zod";
import type { SubscriptionFacts } from "../../licensing/subscription-state";
import { licenseOneOffPurchase, type OneOffPurchaseFacts } from "../apply/one-off-purchase";
import { loadPriceSpecs, skippedNote, skippedReasons, type PriceSpec } from "../apply/price-specs";
import { syncSubscription } from "../apply/subscription-sync";
import { parseObject } from "../envelope";
import { defineHandler, type HandlerContext } from "./handler";
import { customerRef, ref } from "./shared-schemas";
import { describeSync, prepareSubscriptionFacts } from "./subscription-event";

const lineSchema = z.object({
  id: z.string(),
  quantity: z.number().int().nonnegative().nullable().transform((q) => q ?? 1),
  period: z.object({ start: z.number().int(), end: z.number().int() }),
  pricing: z
    .object({ price_details: z.object({ price: ref }).nullable().optional() })
    .nullable()
    .optional(),
  parent: z
    .object({
      subscription_item_details: z
        .object({ subscription_item: z.string().nullable().optional(), proration: z.boolean().optional() })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
});
type Line = z.infer<typeof lineSchema>;

const invoiceSchema = z.object({
  id: z.string(),
  object: z.literal("invoice"),
  status: z.string().nullable().optional(),
  customer: customerRef,
  customer_email: z.string().nullable().optional(),
  customer_name: z.string().nullable().optional(),
  billing_reason: z.string().nullable().optional(),
  parent: z
    .object({ subscription_details: z.object({ subscription: ref }).nullable().optional() })
    .nullable()
    .optional(),
  lines: z.object({ data: z.array(z.unknown()), has_more: z.boolean() }),
});

// Invoices whose lines list every subscription item at its quantity (not prorations of a change).
const FULL_STATE_REASONS = new Set(["subscription_create", "subscription_cycle"]);

type Prepared =
  | { kind: "subscription"; facts: SubscriptionFacts; specs: Map<string, PriceSpec> }
  | { kind: "one-off"; purchase: OneOffPurchaseFacts; specs: Map<string, PriceSpec> };

const priceOf = (line: Line) => line.pricing?.price_details?.price ?? null;

function parseLines(raw: unknown[], ctx: HandlerContext): Line[] {
  return raw.map((l) => parseObject(lineSchema, { ...ctx.event, object: l as Record<string, unknown> }));
}

/**
 * invoice.paid: the first invoice of a subscription (or a one-off invoice) creates licenses; later cycles
 * extend them to the new period end plus `added_days` and reset consumption.
 */
export const invoicePaid = defineHandler<Prepared>({
  type: "invoice.paid",
  async prepare(ctx) {
    const invoice = parseObject(invoiceSchema, ctx.event);
    const rawLines = invoice.lines.has_more ? await ctx.gateway().invoiceLines(invoice.id) : invoice.lines.data;
    const lines = parseLines(rawLines, ctx);
    const customer = {
      stripeCustomerId: invoice.customer,
      email: invoice.customer_email ?? null,
      name: invoice.customer_name ?? null,
    };
    const subscriptionId = invoice.parent?.subscription_details?.subscription;

    if (subscriptionId) {
      const itemLines = lines.filter(
        (l) => l.parent?.subscription_item_details?.subscription_item && !l.parent.subscription_item_details.proration && priceOf(l),
      );
      const periodEnd = Math.max(...(itemLines.length > 0 ? itemLines : lines).map((l) => l.period.end));
      const facts: SubscriptionFacts = {
        subscriptionId,
        customer,
        payment: { invoiceId: invoice.id, periodEnd: new Date(periodEnd * 1000), paidAt: ctx.event.created },
        ...(FULL_STATE_REASONS.has(invoice.billing_reason ?? "") && itemLines.length > 0
          ? {
              snapshot: {
                at: ctx.event.created,
                rank: 0,
                status: null,
                deleted: false,
                items: itemLines.map((l) => ({
                  itemId: l.parent!.subscription_item_details!.subscription_item!,
                  priceId: priceOf(l)!,
                  quantity: l.quantity,
                })),
              },
            }
          : {}),
      };
      const prepared = await prepareSubscriptionFacts(ctx, facts);
      return { next: { kind: "subscription", ...prepared } };
    }

    const priced = lines.filter((l) => priceOf(l));
    if (priced.length === 0) return { done: { status: "IGNORED", message: `Invoice ${invoice.id} has no priced lines` } };
    const specs = await loadPriceSpecs(ctx.gateway(), priced.map((l) => priceOf(l)!));
    const purchase: OneOffPurchaseFacts = {
      kind: "invoice",
      id: invoice.id,
      paymentIntentId: await ctx.gateway().invoicePaymentIntent(invoice.id),
      purchasedAt: ctx.event.created,
      lines: priced.map((l) => ({ lineId: l.id, priceId: priceOf(l)!, quantity: l.quantity })),
      customer,
    };
    return { next: { kind: "one-off", purchase, specs } };
  },

  // A one-off invoice shares its key with refunds of its payment: the two must see each other's writes.
  serialKey: (prepared) => {
    if (prepared.kind === "subscription") return `subscription:${prepared.facts.subscriptionId}`;
    return prepared.purchase.paymentIntentId ? `payment:${prepared.purchase.paymentIntentId}` : `purchase:${prepared.purchase.id}`;
  },

  async apply(tx, prepared, ctx) {
    const cause = { type: "STRIPE_EVENT" as const, id: ctx.event.id };
    if (prepared.kind === "subscription") {
      const { facts, specs } = prepared;
      const result = await syncSubscription(tx, ctx.account, facts, specs, cause, ctx.event.created);
      return describeSync(facts.subscriptionId, result, `paid through ${facts.payment!.periodEnd.toISOString()}`, specs);
    }
    const { purchase, specs } = prepared;
    const result = await licenseOneOffPurchase(tx, ctx.account, purchase, specs, cause);
    if (result.licensedLines === 0) {
      return { status: "IGNORED", message: `Invoice ${purchase.id}: ${skippedReasons(specs).join("; ")}` };
    }
    return {
      status: "PROCESSED",
      message: `Invoice ${purchase.id}: ${result.created.length} license(s) created${skippedNote(specs)}`,
      ...(purchase.paymentIntentId && result.created.length > 0
        ? { writebacks: [{ objectType: "payment_intent" as const, objectId: purchase.paymentIntentId }] }
        : {}),
    };
  },
});
