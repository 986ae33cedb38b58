import type { StripeWorld } from "../fake-stripe/world";
import type { ScenarioSet } from "./scenario";

export const catalog = { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }] };

/** A one-off checkout of `quantity` units at 50.00 each. */
export function buy(w: StripeWorld, quantity: number) {
  const price = w.price({ product: w.product(), unit_amount: 5000, metadata: { short_code: "APP" } });
  return w.checkout({ customer: w.customer(), lines: [{ price, quantity }] });
}

/** Two purchases; the first is refunded in full. */
export function fullRefund(w: StripeWorld) {
  let purchase: ReturnType<typeof buy>;
  return {
    purchases: () => {
      purchase = buy(w, 2);
      const other = buy(w, 1);
      return { purchase, other, events: [...purchase.events, ...other.events] };
    },
    refund: () => w.refund(purchase.charge),
  };
}

/** Half of a purchase refunded, then the rest. */
export function partialThenFull(w: StripeWorld) {
  let purchase: ReturnType<typeof buy>;
  return {
    purchase: () => (purchase = buy(w, 2)),
    partial: () => w.refund(purchase.charge, 2500),
    rest: () => w.refund(purchase.charge),
  };
}

/** A refund of a payment whose only price is ignored: nothing to disable. */
export function refundOfNothing(w: StripeWorld) {
  let purchase: ReturnType<StripeWorld["checkout"]>;
  return {
    purchase: () => {
      const price = w.price({ product: w.product(), metadata: { short_code: "APP", ignore_product: "true" } });
      return (purchase = w.checkout({ customer: w.customer(), lines: [{ price }] }));
    },
    refund: () => w.refund(purchase.charge),
  };
}

export const refundScenarios: ScenarioSet = { name: "refunds", catalog, scenarios: { fullRefund, partialThenFull, refundOfNothing } };
