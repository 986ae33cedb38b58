import type { LinePlan } from "../resolved-spec";
import { newLicense, type NewLicense } from "./new-license";
import { assertLicenseCount } from "./license-cap";
import { assertOneBundlePerOrder } from "./one-bundle-per-order";
import { licensesOfUnit, unitCount } from "./unit-licenses";
import { REFUND_REASON } from "./refund";

export interface PurchasedLine {
  lineId: string;
  priceId: string;
  quantity: number;
  plan: LinePlan;
}

export interface OneOffPurchase {
  kind: "checkout" | "invoice";
  /** The checkout session or invoice id: with the line, unit and member it is each license's business key. */
  id: string;
  paymentIntentId: string | null;
  purchasedAt: Date;
  lines: PurchasedLine[];
  /** The payment was refunded in full before its licenses were made (Stripe does not order events). */
  refunded: boolean;
}

/** The licenses a paid one-off purchase (checkout session or invoice without subscription) creates. */
export function planOneOffPurchase(purchase: OneOffPurchase): NewLicense[] {
  assertOneBundlePerOrder(purchase.lines.map((l) => l.plan));
  const count = purchase.lines.reduce((n, l) => n + unitCount(l.plan, l.quantity) * licensesOfUnit(l.plan, l.quantity).length, 0);
  assertLicenseCount(count, `${purchase.kind === "checkout" ? "Checkout" : "Invoice"} ${purchase.id}`);
  const prefix = purchase.kind === "checkout" ? "cs" : "in";
  return purchase.lines.flatMap((line) => {
    const units = unitCount(line.plan, line.quantity);
    return Array.from({ length: units }, (_, unitIndex) =>
      licensesOfUnit(line.plan, line.quantity).map((unit) =>
        newLicense(unit, {
          sourceKey: `${prefix}:${purchase.id}:${line.lineId}:${unitIndex}:${unit.bundleMemberCode}`,
          unitIndex,
          startsAt: purchase.purchasedAt,
          paidThrough: null,
          status: purchase.refunded ? { active: false, reason: REFUND_REASON } : { active: true, graceUntil: null },
          stripe: {
            ...(purchase.kind === "checkout" ? { checkoutSessionId: purchase.id } : { invoiceId: purchase.id }),
            ...(purchase.paymentIntentId ? { paymentIntentId: purchase.paymentIntentId } : {}),
            lineItemId: line.lineId,
            priceId: line.priceId,
          },
        }),
      ),
    ).flat();
  });
}
