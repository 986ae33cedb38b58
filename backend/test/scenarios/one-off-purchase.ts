import type { StripeWorld } from "../fake-stripe/world";
import type { ScenarioSet } from "./scenario";

export const catalog = {
  products: [
    {
      shortCode: "APP",
      customFields: [{ name: "Serial", defaultValue: "NONE" }],
      policies: [
        { code: "std", isDefault: true, maxActivations: 2 },
        { code: "trial", licenseType: "TIME_LIMITED" as const, validDuration: "14d", maxActivations: 1 },
      ],
    },
    { shortCode: "SEAT", policies: [{ code: "std", isDefault: true, maxActivations: 3 }] },
  ],
};

/** A one-off checkout of four lines: units, a time limit, a policy and every override the metadata has. */
export function checkoutLines(w: StripeWorld) {
  return {
    purchase: () => {
      const product = w.product();
      const perpetual = w.price({ product, metadata: { short_code: "APP" } });
      const monthly = w.price({ product, metadata: { short_code: "APP", license_type: "time-limited", valid_duration: "30d" } });
      const fromPolicy = w.price({ product, metadata: { short_code: "APP", license_policy: "trial" } });
      const maintained = w.price({
        product,
        metadata: {
          short_code: "APP",
          enable_maintenance_duration: "true",
          maintenance_duration: "1y",
          custom_field_Serial: "SN-42",
          is_features: "0:3;1:1",
          is_majorversion: "7",
          max_activations: "4",
        },
      });
      const purchase = w.checkout({
        customer: w.customer({ email: "buyer@example.com" }),
        lines: [
          { price: perpetual, quantity: 3 },
          { price: monthly, quantity: 1 },
          { price: fromPolicy, quantity: 1 },
          { price: maintained, quantity: 1 },
        ],
      });
      return { ...purchase, prices: { perpetual, monthly, fromPolicy, maintained } };
    },
  };
}

/** A Checkout that starts a subscription: its invoice licenses it, the session itself is ignored. */
export function subscriptionCheckout(w: StripeWorld) {
  return {
    checkout: () => {
      const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "SEAT" } });
      return w.checkoutSubscription({ customer: w.customer(), items: [{ price, quantity: 2 }] });
    },
  };
}

/** A one-off Checkout with invoice creation: licensed once, by its invoice. */
export function invoiceCheckout(w: StripeWorld) {
  return {
    checkout: () => {
      const price = w.price({ product: w.product(), metadata: { short_code: "SEAT" } });
      return w.checkout({ customer: w.customer(), lines: [{ price, quantity: 2 }], invoiceCreation: true });
    },
  };
}

/** A one-off invoice, then its full refund. */
export function oneOffInvoiceRefund(w: StripeWorld) {
  let purchase: ReturnType<StripeWorld["oneOffInvoice"]>;
  return {
    purchase: () => {
      const price = w.price({ product: w.product(), metadata: { short_code: "SEAT", max_activations: "5" } });
      return (purchase = w.oneOffInvoice({ customer: w.customer(), lines: [{ price, quantity: 2 }] }));
    },
    refund: () => w.refund(purchase.charge),
  };
}

/** is_single_license, plain and floating: one license carrying the quantity. */
export function singleLicense(w: StripeWorld) {
  return {
    purchases: () => {
      const product = w.product();
      const single = w.price({ product, metadata: { short_code: "APP", is_single_license: "true" } });
      const floating = w.price({
        product,
        metadata: { short_code: "SEAT", is_single_license: "true", floating_cloud: "1", floating_users_from_quantity: "true" },
      });
      const first = w.checkout({ customer: w.customer(), lines: [{ price: single, quantity: 5 }] });
      const second = w.checkout({ customer: w.customer(), lines: [{ price: floating, quantity: 4 }] });
      return { first, second, events: [...first.events, ...second.events] };
    },
  };
}

/** A price marked ignore_product: answered, recorded, nothing licensed. */
export function ignoredProduct(w: StripeWorld) {
  return {
    purchase: () => {
      const price = w.price({ product: w.product(), metadata: { short_code: "APP", ignore_product: "true" } });
      return { ...w.checkout({ customer: w.customer(), lines: [{ price, quantity: 2 }] }), price };
    },
  };
}

export const oneOffPurchaseScenarios: ScenarioSet = {
  name: "oneoff",
  catalog,
  scenarios: { checkoutLines, subscriptionCheckout, invoiceCheckout, oneOffInvoiceRefund, singleLicense, ignoredProduct },
};
