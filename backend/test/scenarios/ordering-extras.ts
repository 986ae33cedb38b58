import type { StripeWorld } from "../fake-stripe/world";
import type { ScenarioSet } from "./scenario";

export const catalog = { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }] };

const appPrice = (w: StripeWorld) => w.price({ product: w.product(), unit_amount: 5000, metadata: { short_code: "APP" } });
const monthlyApp = (w: StripeWorld) => w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });

/** A full refund that Stripe delivers before the checkout it refunds. */
export function refundBeforeCheckout(w: StripeWorld) {
  return {
    deliveries: () => {
      const purchase = w.checkout({ customer: w.customer(), lines: [{ price: appPrice(w), quantity: 2 }] });
      const refund = w.refund(purchase.charge);
      return { purchase, refund, events: [...refund.events, ...purchase.events] };
    },
  };
}

/** A full refund of a subscription's first payment, delivered before that invoice's invoice.paid. */
export function refundBeforeFirstInvoice(w: StripeWorld) {
  return {
    deliveries: () => {
      const start = w.subscribe({ customer: w.customer(), items: [{ price: monthlyApp(w), quantity: 2 }] });
      const refund = w.refund(start.charge!);
      const [created, paid] = start.events;
      return { start, refund, events: [created!, ...refund.events, paid!] };
    },
  };
}

/** A full refund of a subscription's first payment, in the order Stripe sends it. */
export function subscriptionPaymentRefunded(w: StripeWorld) {
  let start: ReturnType<StripeWorld["subscribe"]>;
  return {
    start: () => (start = w.subscribe({ customer: w.customer(), items: [{ price: monthlyApp(w), quantity: 2 }] })),
    refund: () => w.refund(start.charge!),
  };
}

/** A cart with a licensed price and a T-shirt: a price, and a product, without any of Tessera's metadata. */
export function cartWithTshirt(w: StripeWorld) {
  return {
    purchase: () => {
      const app = appPrice(w);
      const tshirt = w.price({ product: w.product({ name: "T-shirt" }), unit_amount: 2000 });
      return { ...w.checkout({ customer: w.customer(), lines: [{ price: app, quantity: 1 }, { price: tshirt, quantity: 2 }] }), app, tshirt };
    },
  };
}

export const orderingExtraScenarios: ScenarioSet = {
  name: "extras",
  catalog,
  scenarios: { refundBeforeCheckout, refundBeforeFirstInvoice, subscriptionPaymentRefunded, cartWithTshirt },
};
