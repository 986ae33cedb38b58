import type Stripe from "stripe";
import type { StripeWorld } from "../fake-stripe/world";
import type { ScenarioSet } from "./scenario";

export const MEMBER_ACTIVATIONS: Record<string, number> = { EDIT: 1, RENDER: 2, SHARE: 3 };

export const catalog = {
  products: Object.entries(MEMBER_ACTIVATIONS).map(([shortCode, maxActivations]) => ({
    shortCode,
    features: [{ code: `${shortCode.toLowerCase()}-pro`, name: "Pro" }],
    policies: [
      { code: "big", maxActivations: 50 },
      { code: "std", isDefault: true, maxActivations, features: [`${shortCode.toLowerCase()}-pro`] },
    ],
  })),
  bundles: [{ code: "SUITE", members: Object.keys(MEMBER_ACTIVATIONS) }],
};

export const bundleMetadata: Stripe.Metadata = { short_code: "SUITE", is_product_bundle: "true", max_activations: "5" };

/** Two units of a bundle of three products, bought once. */
export function bundleOnce(w: StripeWorld) {
  return {
    purchase: () => {
      const price = w.price({ product: w.product(), metadata: bundleMetadata });
      return w.checkout({ customer: w.customer(), lines: [{ price, quantity: 2 }] });
    },
  };
}

/** A bundle subscription that grows to two bundles, renews, and shrinks back to one. */
export function bundleSubscription(w: StripeWorld) {
  let sub: Stripe.Subscription;
  return {
    start: () => {
      const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: bundleMetadata });
      const start = w.subscribe({ customer: w.customer(), items: [{ price, quantity: 1 }] });
      sub = start.subscription;
      return start;
    },
    grow: () => w.setQuantity(sub, 0, 2),
    renewal: () => w.renew(sub),
    shrink: () => w.setQuantity(sub, 0, 1),
  };
}

export const bundleScenarios: ScenarioSet = { name: "bundles", catalog, scenarios: { bundleOnce, bundleSubscription } };
