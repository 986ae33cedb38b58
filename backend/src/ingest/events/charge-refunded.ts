import { z } from "zod";
import { hasLicensesOfPaymentIntent } from "../../db/licenses/license-reads";
import type { RefundFacts } from "../../licensing/rules/refund";
import { loadPriceSpecs, type PriceSpec } from "../apply/price-specs";
import { applyRefund, type RefundedPayment } from "../apply/refund";
import { parseObject } from "../envelope";
import { defineHandler } from "./handler";
import { ref } from "./shared-schemas";

const chargeSchema = z.object({
  id: z.string(),
  object: z.literal("charge"),
  amount: z.number().int().nonnegative(),
  amount_refunded: z.number().int().nonnegative(),
  currency: z.string(),
  refunded: z.boolean(),
  payment_intent: ref.nullable().optional(),
});

type Prepared = { payment: RefundedPayment; specs: Map<string, PriceSpec> };

/**
 * charge.refunded: a full refund disables the payment's licenses (a subscription's, when the refunded
 * invoice is the one that created them); a partial one is recorded on them. Stripe may deliver the refund
 * before the purchase: it is kept, and the licenses made afterwards start disabled.
 */
export const chargeRefunded = defineHandler<Prepared>({
  type: "charge.refunded",
  async prepare(ctx) {
    const charge = parseObject(chargeSchema, ctx.event);
    if (!charge.payment_intent) return { done: { status: "IGNORED", message: `Charge ${charge.id} has no payment intent` } };
    // Licenses that name the payment intent were sold by a one-off payment; only otherwise is Stripe asked
    // which invoice (and subscription) the payment paid.
    const oneOff = await hasLicensesOfPaymentIntent(ctx.sql, ctx.account.id, charge.payment_intent);
    const invoice = oneOff ? null : await ctx.gateway().invoiceOfPaymentIntent(charge.payment_intent);
    const refund: RefundFacts = {
      chargeId: charge.id,
      amount: charge.amount,
      amountRefunded: charge.amount_refunded,
      currency: charge.currency,
      refunded: charge.refunded,
    };
    // A subscription's state may name its items' prices; the invoice's are the likely ones.
    const specs = invoice?.subscriptionId ? await loadPriceSpecs(ctx.gateway(), invoice.priceIds) : new Map<string, PriceSpec>();
    return { next: { payment: { paymentIntentId: charge.payment_intent, refund, invoice }, specs } };
  },
  serialKey: ({ payment }) => (payment.invoice?.subscriptionId ? `subscription:${payment.invoice.subscriptionId}` : `payment:${payment.paymentIntentId}`),
  async apply(tx, { payment, specs }, ctx) {
    const result = await applyRefund(tx, ctx.account, payment, specs, { type: "STRIPE_EVENT", id: ctx.event.id }, ctx.event.created);
    const { chargeId } = payment.refund;
    if (result.none) {
      return {
        status: "IGNORED",
        writes: result.writes,
        message: `No licenses were sold with payment intent ${payment.paymentIntentId} yet; the refund is kept, so licenses made for it later start disabled`,
      };
    }
    return {
      status: "PROCESSED",
      writes: result.writes,
      message: result.noted > 0 ? `Partial refund of charge ${chargeId} recorded on ${result.noted} license(s)` : `Charge ${chargeId} refunded: ${result.disabled} license(s) disabled`,
    };
  },
});
