import { z } from "zod";
import { lockLicenses } from "../../db/licenses/license-reads";
import { deferLicenseChanges } from "../../db/licenses/license-store";
import { planRefund, type RefundFacts } from "../../licensing/rules/refund";
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

type Prepared = { paymentIntentId: string; refund: RefundFacts };

/** charge.refunded: a full refund disables the payment's licenses; a partial one is recorded on them. */
export const chargeRefunded = defineHandler<Prepared>({
  type: "charge.refunded",
  async prepare(ctx) {
    const charge = parseObject(chargeSchema, ctx.event);
    if (!charge.payment_intent) return { done: { status: "IGNORED", message: `Charge ${charge.id} has no payment intent` } };
    return {
      next: {
        paymentIntentId: charge.payment_intent,
        refund: {
          chargeId: charge.id,
          amount: charge.amount,
          amountRefunded: charge.amount_refunded,
          currency: charge.currency,
          refunded: charge.refunded,
        },
      },
    };
  },
  async apply(tx, { paymentIntentId, refund }, ctx) {
    const licenses = await lockLicenses(tx, ctx.account.id, { stripePaymentIntentId: paymentIntentId });
    if (licenses.length === 0) {
      return { status: "IGNORED", message: `No licenses were sold with payment intent ${paymentIntentId}` };
    }
    const changes = planRefund(refund, licenses);
    const cause = { type: "STRIPE_EVENT" as const, id: ctx.event.id };
    const { writes } = deferLicenseChanges({ accountId: ctx.account.id, customer: null, cause }, changes);
    const disabled = changes.filter((c) => c.kind === "disable").length;
    return {
      status: "PROCESSED",
      writes,
      message: changes.some((c) => c.kind === "note")
        ? `Partial refund of charge ${refund.chargeId} recorded on ${licenses.length} license(s)`
        : `Charge ${refund.chargeId} refunded: ${disabled} license(s) disabled`,
    };
  },
});
