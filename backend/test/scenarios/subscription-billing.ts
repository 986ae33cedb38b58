import type Stripe from "stripe";
import type { InvoicedSubscriptionResult, StripeWorld } from "../fake-stripe/world";
import type { ScenarioSet } from "./scenario";

export const catalog = {
  products: [
    { shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] },
    { shortCode: "PRO", features: [{ code: "export", name: "Export" }], policies: [{ code: "std", isDefault: true, maxActivations: 6, features: ["export"] }] },
  ],
};

/** A monthly price with this metadata, and a customer. */
function setup(w: StripeWorld, metadata: Stripe.Metadata) {
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata });
  return { price, customer: w.customer() };
}

/** `quantity` units, then one paid renewal. */
function subscribedThenRenewed(metadata: Stripe.Metadata, quantity: number) {
  return (w: StripeWorld) => {
    let start: InvoicedSubscriptionResult;
    return {
      start: () => {
        const { price, customer } = setup(w, metadata);
        return (start = w.subscribe({ customer, items: [{ price, quantity }] }));
      },
      renewal: () => w.renew(start.subscription),
    };
  };
}

export const renewals = subscribedThenRenewed({ short_code: "APP" }, 2);
export const addedDays = subscribedThenRenewed({ short_code: "APP", added_days: "5" }, 1);
export const consumption = subscribedThenRenewed({ short_code: "APP", license_type: "consumption" }, 1);

/** Trialing, past_due, unpaid, active again. */
export function statusChanges(w: StripeWorld) {
  let start: InvoicedSubscriptionResult;
  return {
    start: () => {
      const { price, customer } = setup(w, { short_code: "APP" });
      return (start = w.subscribe({ customer, items: [{ price, quantity: 2 }], trialDays: 14 }));
    },
    pastDue: () => w.setStatus(start.subscription, "past_due"),
    unpaid: () => w.setStatus(start.subscription, "unpaid"),
    active: () => w.setStatus(start.subscription, "active"),
  };
}

/**
 * Unpaid within its grace, paid again, unpaid again, and an event 45 days later: past the paid month plus
 * the 7-day grace.
 */
export function grace(w: StripeWorld) {
  let start: InvoicedSubscriptionResult;
  return {
    start: () => {
      const { price, customer } = setup(w, { short_code: "APP", unpaid_active_license_period: "7d" });
      return (start = w.subscribe({ customer, items: [{ price, quantity: 1 }] }));
    },
    unpaid: () => w.setStatus(start.subscription, "unpaid"),
    active: () => w.setStatus(start.subscription, "active"),
    unpaidAgain: () => w.setStatus(start.subscription, "unpaid"),
    later: () => {
      w.advance(45 * 86_400);
      return w.setQuantity(start.subscription, 0, 1);
    },
  };
}

/** Canceled at the period end, then deleted. */
export function cancel(w: StripeWorld) {
  let start: InvoicedSubscriptionResult;
  return {
    start: () => {
      const { price, customer } = setup(w, { short_code: "APP" });
      return (start = w.subscribe({ customer, items: [{ price, quantity: 2 }] }));
    },
    cancel: () => w.cancelAtPeriodEnd(start.subscription),
    deleted: () => w.deleteSubscription(start.subscription),
  };
}

/** An item moved from a price of APP to a price of PRO; `quantity` units. */
function movedToPro(quantity: number) {
  return (w: StripeWorld) => {
    let start: InvoicedSubscriptionResult;
    let proPrice: Stripe.Price;
    return {
      start: () => {
        const { price, customer } = setup(w, { short_code: "APP" });
        proPrice = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "PRO" } });
        return { ...(start = w.subscribe({ customer, items: [{ price, quantity }] })), proPrice };
      },
      change: () => w.changePrice(start.subscription, 0, proPrice),
    };
  };
}

export const priceChange = movedToPro(2);
/** The same change, for a test that delivers the first invoice after it. */
export const latePaid = movedToPro(1);

export const subscriptionBillingScenarios: ScenarioSet = {
  name: "billing",
  catalog,
  scenarios: { renewals, addedDays, consumption, statusChanges, grace, cancel, priceChange, latePaid },
};
