import type Stripe from "stripe";
import type { SeedProduct } from "../harness/catalog-seed";
import type { FakeStore } from "../fake-stripe/store";
import { StripeWorld } from "../fake-stripe/world";

/** The catalog the mixed load sells from. */
export const MIXED_CATALOG: { products: SeedProduct[]; bundles: { code: string; members: string[] }[] } = {
  products: [
    { shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] },
    { shortCode: "PRO", policies: [{ code: "std", isDefault: true, maxActivations: 5 }] },
  ],
  bundles: [{ code: "SUITE", members: ["APP", "PRO"] }],
};

export interface MixedLoad {
  /**
   * The events of each buyer, in the order Stripe sends them. Streams are independent of each other; within
   * one, a later event may depend on an earlier one (a refund of a purchase, a renewal of a subscription).
   */
  streams: Stripe.Event[][];
  /** Every event, stream after stream. */
  events: Stripe.Event[];
  /** Events by type, for the figures. */
  kinds: Record<string, number>;
}

/**
 * `count` events of every kind the engine handles, from buyers who each do one thing: one-off checkouts
 * (one line, two lines, a bundle), one-off invoices, subscriptions that grow, shrink, renew, fall past
 * due or end, and full or partial refunds of some of those payments. The same calls on a fresh store give
 * the same ids and bodies, so a reference run can use its own fake Stripe; `prefix` makes another set on one.
 */
export function mixedLoad(store: FakeStore, count: number, opts: { account?: string; prefix?: string } = {}): MixedLoad {
  const { prefix = "", ...scope } = opts;
  const shop = new StripeWorld(store, { name: `${prefix}shop`, ...scope });
  const customers = Array.from({ length: 20 }, () => shop.customer());
  const app = shop.price({ product: shop.product(), unit_amount: 3000, metadata: { short_code: "APP" } });
  const pro = shop.price({ product: shop.product(), metadata: { short_code: "PRO", license_type: "time-limited", valid_duration: "30d" } });
  const suite = shop.price({ product: shop.product(), metadata: { short_code: "SUITE", is_product_bundle: "true" } });
  const monthlyApp = shop.price({ product: shop.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const monthlyPro = shop.price({ product: shop.product(), recurring: { interval: "month" }, metadata: { short_code: "PRO", added_days: "3" } });

  type Pattern = (w: StripeWorld, customer: Stripe.Customer, n: number) => Stripe.Event[][];
  const patterns: Pattern[] = [
    (w, customer, n) => [w.checkout({ customer, lines: [{ price: app, quantity: 1 + (n % 3) }] }).events],
    (w, customer) => {
      const bought = w.checkout({ customer, lines: [{ price: app, quantity: 2 }] });
      return [bought.events, w.refund(bought.charge).events];
    },
    (w, customer) => {
      const bought = w.checkout({ customer, lines: [{ price: app, quantity: 1 }, { price: pro, quantity: 2 }] });
      return [bought.events, w.refund(bought.charge, 1000).events];
    },
    (w, customer) => [w.checkout({ customer, lines: [{ price: suite, quantity: 1 }] }).events],
    (w, customer) => {
      const bought = w.oneOffInvoice({ customer, lines: [{ price: app, quantity: 2 }] });
      return [bought.events, w.refund(bought.charge).events];
    },
    (w, customer, n) => {
      const start = w.subscribe({ customer, items: [{ price: monthlyApp, quantity: 1 + (n % 3) }] });
      return [start.events, w.setQuantity(start.subscription, 0, 3 + (n % 3)).events, w.renew(start.subscription).events];
    },
    (w, customer) => {
      const start = w.subscribe({ customer, items: [{ price: monthlyPro, quantity: 3 }] });
      const steps = [start.events, w.setQuantity(start.subscription, 0, 1).events, w.renew(start.subscription).events];
      return [...steps, w.setStatus(start.subscription, "past_due").events];
    },
    (w, customer) => {
      const start = w.subscribe({ customer, items: [{ price: monthlyApp, quantity: 2 }] });
      return [start.events, w.refund(start.charge!).events];
    },
    (w, customer) => {
      const start = w.subscribe({ customer, items: [{ price: monthlyPro, quantity: 1 }] });
      return [start.events, w.renew(start.subscription).events, w.deleteSubscription(start.subscription).events];
    },
  ];

  const streams: Stripe.Event[][] = [];
  let total = 0;
  for (let n = 0; total < count; n++) {
    const w = new StripeWorld(store, { name: `${prefix}m${n}`, ...scope });
    const customer = customers[n % customers.length]!;
    let events = patterns[n % patterns.length]!(w, customer, n).flat();
    // The last buyers fit what is left: a one-line checkout is a single event.
    if (total + events.length > count) events = patterns[0]!(new StripeWorld(store, { name: `${prefix}m${n}x`, ...scope }), customer, n).flat();
    streams.push(events);
    total += events.length;
  }
  const events = streams.flat();
  const kinds: Record<string, number> = {};
  for (const e of events) kinds[e.type] = (kinds[e.type] ?? 0) + 1;
  return { streams, events, kinds };
}
