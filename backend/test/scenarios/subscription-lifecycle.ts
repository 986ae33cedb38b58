import type { StripeWorld } from "../fake-stripe/world";
import type { ScenarioSet } from "./scenario";

export const catalog = { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 3 }] }] };

/** A paid subscription of two units. */
export function paidSubscription(w: StripeWorld) {
  return {
    start: () => {
      const product = w.product({ name: "App" });
      const price = w.price({ product, recurring: { interval: "month" }, metadata: { short_code: "APP" } });
      const customer = w.customer({ email: "a@example.com" });
      return w.subscribe({ customer, items: [{ price, quantity: 2 }] });
    },
  };
}

export const subscriptionLifecycleScenarios: ScenarioSet = { name: "lifecycle", catalog, scenarios: { paidSubscription } };
