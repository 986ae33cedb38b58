import { lockLicenses } from "../../db/licenses/license-reads";
import { deferLicenseChanges } from "../../db/licenses/license-store";
import { lockPaymentIntent, recordRefundWrite } from "../../db/payment-refund-store";
import type { SqlTx } from "../../db/sql";
import { lockSubscription } from "../../db/subscription-state-store";
import type { Account } from "../../licensing/account";
import type { Cause } from "../../licensing/cause";
import { planRefund, type RefundFacts } from "../../licensing/rules/refund";
import type { DeferredWrite } from "../../db/deferred-writes";
import type { PriceSpec } from "./price-specs";
import { syncSubscription } from "./subscription-sync";

export interface RefundedPayment {
  paymentIntentId: string;
  refund: RefundFacts;
  /** The invoice the payment paid (Stripe's invoice payments tell), and its subscription. */
  invoice: { id: string; subscriptionId: string | null } | null;
}

export interface RefundResult {
  writes: DeferredWrite[];
  disabled: number;
  noted: number;
  /** No license of the payment exists (yet): the refund is kept for licenses made later. */
  none: boolean;
}

const isFull = (r: RefundFacts) => r.refunded || r.amountRefunded >= r.amount;

/**
 * A subscription's licenses follow the invoice that created them: a full refund of it is folded into the
 * subscription's state (so no later event re-enables them, and licenses made after it start disabled); a
 * partial one is written to their history.
 */
async function refundSubscriptionInvoice(
  tx: SqlTx,
  account: Pick<Account, "id" | "catalogVersion">,
  payment: RefundedPayment & { invoice: { id: string; subscriptionId: string } },
  specs: Map<string, PriceSpec>,
  cause: Cause,
  now: Date,
): Promise<RefundResult> {
  const { invoice } = payment;
  if (isFull(payment.refund)) {
    const facts = { subscriptionId: invoice.subscriptionId, customer: { stripeCustomerId: null, email: null, name: null }, refund: { invoiceId: invoice.id } };
    const result = await syncSubscription(tx, account, facts, specs, cause, now);
    return { writes: result.writes, disabled: result.changed, noted: 0, none: result.existing === 0 };
  }
  const { stored, licenses } = await lockSubscription(tx, account.id, invoice.subscriptionId);
  const ofInvoice = stored.state.firstPaidInvoiceId === invoice.id ? licenses : [];
  const changes = planRefund(payment.refund, ofInvoice);
  const { writes } = deferLicenseChanges({ accountId: account.id, customer: null, cause }, changes);
  return { writes, disabled: 0, noted: changes.length, none: ofInvoice.length === 0 };
}

/**
 * A refund of a one-off payment: its licenses are found by payment intent, under the payment's lock, and
 * the refund is kept so that licenses made for the payment later (a purchase event delivered after the
 * refund) start disabled.
 */
async function refundOneOffPayment(tx: SqlTx, accountId: string, payment: RefundedPayment, cause: Cause): Promise<RefundResult> {
  await lockPaymentIntent(tx, accountId, payment.paymentIntentId);
  const licenses = await lockLicenses(tx, accountId, { stripePaymentIntentId: payment.paymentIntentId });
  const changes = planRefund(payment.refund, licenses);
  const { writes } = deferLicenseChanges({ accountId, customer: null, cause }, changes);
  const kept = recordRefundWrite(accountId, {
    paymentIntentId: payment.paymentIntentId,
    chargeId: payment.refund.chargeId,
    full: isFull(payment.refund),
    amountRefunded: payment.refund.amountRefunded,
  });
  return {
    writes: [kept, ...writes],
    disabled: changes.filter((c) => c.kind === "disable").length,
    noted: changes.filter((c) => c.kind === "note").length,
    none: licenses.length === 0,
  };
}

export function applyRefund(
  tx: SqlTx,
  account: Pick<Account, "id" | "catalogVersion">,
  payment: RefundedPayment,
  specs: Map<string, PriceSpec>,
  cause: Cause,
  now: Date,
): Promise<RefundResult> {
  const { invoice } = payment;
  if (invoice?.subscriptionId) return refundSubscriptionInvoice(tx, account, { ...payment, invoice: { id: invoice.id, subscriptionId: invoice.subscriptionId } }, specs, cause, now);
  return refundOneOffPayment(tx, account.id, payment, cause);
}
