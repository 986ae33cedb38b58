import type Stripe from "stripe";
import type { StripeWorld } from "../fake-stripe/world";
import type { SeedProduct } from "../harness/catalog-seed";

/**
 * A scenario's history, one step at a time: each function makes that step's Stripe objects (in the world it
 * was given) and returns its events with whatever the test asserts on. An end-to-end test calls the steps
 * one by one and delivers and checks in between; the ordering test calls them all, then delivers.
 * Steps run in the order they are listed, and each only once.
 */
export type Steps = Record<string, () => { events: Stripe.Event[] }>;

export interface CatalogSeed {
  products?: SeedProduct[];
  bundles?: { code: string; name?: string; members: string[] }[];
}

/** Scenarios that share one catalog (the one their end-to-end test file seeds). */
export interface ScenarioSet {
  name: string;
  catalog: CatalogSeed;
  scenarios: Record<string, (w: StripeWorld) => Steps>;
}

/** Every step's events, in order. */
export function stepEvents(steps: Steps): Stripe.Event[][] {
  return Object.values(steps).map((step) => step().events);
}
