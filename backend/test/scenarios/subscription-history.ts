import type Stripe from "stripe";
import type { StripeWorld } from "../fake-stripe/world";
import type { ScenarioSet } from "./scenario";

export const catalog = {
  products: [
    { shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] },
    { shortCode: "PRO", policies: [{ code: "std", isDefault: true, maxActivations: 5 }] },
  ],
  bundles: [{ code: "SUITE", members: ["APP", "PRO"] }],
};

/**
 * Four subscriptions of one customer through every kind of change: one that ends (stale events must not
 * revive it), one that stays live with fewer units than it once had, a bundle, and one unpaid past its grace.
 */
export function fourSubscriptions(w: StripeWorld) {
  return {
    history: () => {
      const app = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
      const pro = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "PRO", added_days: "2" } });
      const suite = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "SUITE", is_product_bundle: "true" } });
      const grace = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP", unpaid_active_license_period: "7d" } });
      const customer = w.customer();
      const events: Stripe.Event[] = [];
      const take = (r: { events: Stripe.Event[] }) => events.push(...r.events);

      // Every kind of change, then the end: stale events must not revive it.
      const ended = w.subscribe({ customer, items: [{ price: app, quantity: 2 }] });
      take(ended);
      take(w.setQuantity(ended.subscription, 0, 4));
      take(w.renew(ended.subscription));
      take(w.setQuantity(ended.subscription, 0, 3));
      take(w.changePrice(ended.subscription, 0, pro));
      take(w.setStatus(ended.subscription, "past_due"));
      take(w.renew(ended.subscription));
      take(w.deleteSubscription(ended.subscription));

      // Stays live with fewer units than it once had, so which units stay active must not depend on order.
      const live = w.subscribe({ customer, items: [{ price: app, quantity: 3 }] });
      take(live);
      take(w.renew(live.subscription));
      take(w.setQuantity(live.subscription, 0, 1));
      take(w.changePrice(live.subscription, 0, pro));
      take(w.setStatus(live.subscription, "past_due"));
      take(w.renew(live.subscription));
      take(w.setQuantity(live.subscription, 0, 2));

      // Bundle units: the members must follow their bundle license whatever the order.
      const bundle = w.subscribe({ customer, items: [{ price: suite, quantity: 1 }] });
      take(bundle);
      take(w.setQuantity(bundle.subscription, 0, 2));
      take(w.renew(bundle.subscription));
      take(w.setQuantity(bundle.subscription, 0, 1));

      // Unpaid past its grace (the paid month, then the grace): whether the grace ended must not depend on
      // which event came last.
      const unpaid = w.subscribe({ customer, items: [{ price: grace, quantity: 1 }] });
      take(unpaid);
      take(w.setStatus(unpaid.subscription, "unpaid"));
      w.advance(45 * 86_400);
      take(w.setQuantity(unpaid.subscription, 0, 2));
      return { events };
    },
  };
}

export const subscriptionHistoryScenarios: ScenarioSet = { name: "history", catalog, scenarios: { fourSubscriptions } };
