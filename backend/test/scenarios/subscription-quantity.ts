import type Stripe from "stripe";
import type { InvoicedSubscriptionResult, StripeWorld } from "../fake-stripe/world";
import type { ScenarioSet } from "./scenario";

export const catalog = { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }] };

/** A monthly subscription of `quantity` units of a price with this metadata. */
export function subscribe(w: StripeWorld, quantity: number, metadata: Stripe.Metadata = { short_code: "APP" }): InvoicedSubscriptionResult {
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata });
  return w.subscribe({ customer: w.customer(), items: [{ price, quantity }] });
}

/** A subscription's start as a step, and steps that set its quantity later. */
function subscriptionOf(w: StripeWorld, quantity: number, metadata?: Stripe.Metadata) {
  let sub: Stripe.Subscription;
  return {
    start: () => {
      const start = subscribe(w, quantity, metadata);
      sub = start.subscription;
      return start;
    },
    quantity: (to: number, opts: { invoiceNow?: boolean } = {}) => () => w.setQuantity(sub, 0, to, opts),
  };
}

/** 2 units, up to 4 (invoiced at once), down to 2, up to 3. */
export function upDownUp(w: StripeWorld) {
  const s = subscriptionOf(w, 2);
  return { start: s.start, up: s.quantity(4, { invoiceNow: true }), down: s.quantity(2), upAgain: s.quantity(3) };
}

/** 3 units, down to 2, then to 1. */
export function dropTwice(w: StripeWorld) {
  const s = subscriptionOf(w, 3);
  return { start: s.start, toTwo: s.quantity(2), toOne: s.quantity(1) };
}

/** One license for `from` units whose limits follow the quantity to `to` units. */
function singleLicenseGrowing(from: number, to: number, metadata: Stripe.Metadata) {
  return (w: StripeWorld) => {
    const s = subscriptionOf(w, from, metadata);
    return { start: s.start, up: s.quantity(to) };
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
