import { z } from "zod";
import { licenseOneOffPurchase, type OneOffPurchaseFacts } from "../apply/one-off-purchase";
import { loadPriceSpecs, skippedNote, skippedReasons, type PriceSpec } from "../apply/price-specs";
import { parseObject } from "../envelope";
import { defineHandler } from "./handler";
import { customerRef, ref } from "./shared-schemas";

const sessionSchema = z.object({
  id: z.string().startsWith("cs_"),
  object: z.literal("checkout.session"),
  mode: z.string(),
  payment_status: z.string(),
  invoice: ref.nullable().optional(),
  subscription: ref.nullable().optional(),
  payment_intent: ref.nullable().optional(),
  customer: customerRef,
  customer_details: z
    .object({ email: z.string().nullable().optional(), name: z.string().nullable().optional() })
    .nullable()
    .optional(),
});

type Prepared = { purchase: OneOffPurchaseFacts; specs: Map<string, PriceSpec> };

/**
 * A one-off payment through Checkout. Sessions with an invoice or a subscription are licensed by
 * invoice.paid instead, so a purchase is never licensed twice. Delayed payment methods complete the
 * session unpaid and succeed later (checkout.session.async_payment_succeeded).
 */
function checkoutHandler(type: string) {
  return defineHandler<Prepared>({
    type,
    async prepare(ctx) {
      const session = parseObject(sessionSchema, ctx.event);
      if (session.subscription || session.invoice) {
        return {
          done: {
            status: "IGNORED",
            message: `Checkout ${session.id} has ${session.subscription ? `subscription ${session.subscription}` : `invoice ${session.invoice}`}: invoice.paid licenses it`,
          },
        };
      }
      if (session.payment_status !== "paid" && session.payment_status !== "no_payment_required") {
        return { done: { status: "IGNORED", message: `Checkout ${session.id} is ${session.payment_status}; licensed once the payment succeeds` } };
      }
      const lines = await ctx.gateway().checkoutLines(session.id);
      if (lines.length === 0) return { done: { status: "IGNORED", message: `Checkout ${session.id} has no priced line items` } };
      const specs = await loadPriceSpecs(ctx.gateway(), lines.map((l) => l.priceId));
      return {
        next: {
          specs,
          purchase: {
            kind: "checkout",
            id: session.id,
            paymentIntentId: session.payment_intent ?? null,
            purchasedAt: ctx.event.created,
            lines: lines.map((l) => ({ lineId: l.id, priceId: l.priceId, quantity: l.quantity })),
            customer: {
              stripeCustomerId: session.customer,
              email: session.customer_details?.email ?? null,
              name: session.customer_details?.name ?? null,
            },
          },
        },
      };
    },
    async apply(tx, { purchase, specs }, ctx) {
      const result = await licenseOneOffPurchase(tx, ctx.account, purchase, specs, { type: "STRIPE_EVENT", id: ctx.event.id });
      if (result.licensedLines === 0) {
        return { status: "IGNORED", message: `Checkout ${purchase.id}: ${skippedReasons(specs).join("; ")}` };
      }
      return {
        status: "PROCESSED",
        message: `Checkout ${purchase.id}: ${result.created.length} license(s) created${skippedNote(specs)}`,
        ...(purchase.paymentIntentId && result.created.length > 0
          ? { writebacks: [{ objectType: "payment_intent" as const, objectId: purchase.paymentIntentId }] }
          : {}),
      };
    },
  });
}

export const checkoutSessionCompleted = checkoutHandler("checkout.session.completed");
export const checkoutSessionAsyncPaymentSucceeded = checkoutHandler("checkout.session.async_payment_succeeded");
