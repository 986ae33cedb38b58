import type Stripe from "stripe";
import type { InvoicedSubscriptionResult, StripeWorld } from "../fake-stripe/world";
import type { ScenarioSet } from "./scenario";

export const catalog = { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }] };

/** A monthly subscription of `quantity` units of a price with this metadata. */
export function subscribe(w: StripeWorld, quantity: number, metadata: Stripe.Metadata = { short_code: "APP" }): InvoicedSubscriptionResult {
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata });
  return w.subscribe({ customer: w.customer(), items: [{ price, quantity }] });
}

/** 2 units, up to 4 (invoiced at once), down to 2, up to 3. */
export function upDownUp(w: StripeWorld) {
  let sub: Stripe.Subscription;
  return {
    start: () => {
      const start = subscribe(w, 2);
      sub = start.subscription;
      return start;
    },
    up: () => w.setQuantity(sub, 0, 4, { invoiceNow: true }),
    down: () => w.setQuantity(sub, 0, 2),
    upAgain: () => w.setQuantity(sub, 0, 3),
  };
}

/** 3 units, down to 2, then to 1. */
export function dropTwice(w: StripeWorld) {
  let sub: Stripe.Subscription;
  return {
    start: () => {
      const start = subscribe(w, 3);
      sub = start.subscription;
      return start;
    },
    toTwo: () => w.setQuantity(sub, 0, 2),
    toOne: () => w.setQuantity(sub, 0, 1),
  };
}

/** One license for `from` units whose limits follow the quantity to `to` units. */
function singleLicenseGrowing(from: number, to: number, metadata: Stripe.Metadata) {
  return (w: StripeWorld) => {
    let sub: Stripe.Subscription;
    return {
      start: () => {
        const start = subscribe(w, from, metadata);
        sub = start.subscription;
        return start;
      },
      up: () => w.setQuantity(sub, 0, to),
    };
  };
}

export const singleSubscription = singleLicenseGrowing(3, 5, { short_code: "APP", is_single_license: "true" });
export const floatingSubscription = singleLicenseGrowing(4, 6, {
  short_code: "APP",
  is_single_license: "true",
  floating_cloud: "1",
  floating_users_from_quantity: "true",
});

export const subscriptionQuantityScenarios: ScenarioSet = {
  name: "quantity",
  catalog,
  scenarios: { upDownUp, dropTwice, singleSubscription, floatingSubscription },
};
