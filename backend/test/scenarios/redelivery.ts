import type Stripe from "stripe";
import type { StripeWorld } from "../fake-stripe/world";
import { withNewId } from "../harness/webhook-env";
import type { ScenarioSet } from "./scenario";

export const catalog = { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }] };

const oneOffPrice = (w: StripeWorld) => w.price({ product: w.product(), metadata: { short_code: "APP" } });
const recurringPrice = (w: StripeWorld) => w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });

/** A checkout, and the same event again under a new id. */
export function checkoutCopy(w: StripeWorld) {
  let purchase: ReturnType<StripeWorld["checkout"]>;
  return {
    purchase: () => (purchase = w.checkout({ customer: w.customer(), lines: [{ price: oneOffPrice(w), quantity: 3 }] })),
    copy: () => ({ events: [withNewId(purchase.events[0]!, "evt_redeliver_copy1")] }),
  };
}

/** A one-off invoice and a subscription's start, then all three events again under new ids. */
export function invoiceCopies(w: StripeWorld) {
  let originals: Stripe.Event[];
  return {
    purchases: () => {
      const invoice = w.oneOffInvoice({ customer: w.customer(), lines: [{ price: oneOffPrice(w), quantity: 2 }] });
      const start = w.subscribe({ customer: w.customer(), items: [{ price: recurringPrice(w), quantity: 2 }] });
      originals = [...invoice.events, ...start.events];
      return { invoice, start, events: originals };
    },
    copies: () => ({ events: originals.map((e, i) => withNewId(e, `evt_redeliver_copy2_${i}`)) }),
  };
}

/** A checkout delivered twice and under six other ids, all at once. */
export function raceOfCopies(w: StripeWorld) {
  return {
    deliveries: () => {
      const purchase = w.checkout({ customer: w.customer(), lines: [{ price: oneOffPrice(w), quantity: 4 }] });
      const [event] = purchase.events as [Stripe.Event];
      return { purchase, events: [event, event, ...Array.from({ length: 6 }, (_, i) => withNewId(event, `evt_redeliver_race_${i}`))] };
    },
  };
}

/** The same customer buys the same product twice. */
export function buyAgain(w: StripeWorld) {
  return {
    purchases: () => {
      const customer = w.customer();
      const price = oneOffPrice(w);
      const first = w.checkout({ customer, lines: [{ price, quantity: 1 }] });
      const second = w.checkout({ customer, lines: [{ price, quantity: 1 }] });
      return { price, first, second, events: [...first.events, ...second.events] };
    },
  };
}

export const redeliveryScenarios: ScenarioSet = { name: "redelivery", catalog, scenarios: { checkoutCopy, invoiceCopies, raceOfCopies, buyAgain } };
