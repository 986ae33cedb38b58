import { readFileSync } from "node:fs";
import path from "node:path";

export const APP_DIR = path.resolve(__dirname, "..");

/**
 * Viewports of Stripe's viewport reference that an app may name. The Dashboard ignores a view whose
 * viewport it does not know, so a typo would only show as a view that never appears.
 */
export const KNOWN_VIEWPORTS = new Set([
  "settings",
  "onboarding",
  "stripe.dashboard.drawer.default",
  "stripe.dashboard.fullpage",
  "stripe.dashboard.home.overview",
  "stripe.dashboard.balance.overview",
  ...["payment", "customer", "invoice", "product", "subscription", "payment_link", "shipping_rate"].flatMap((object) => [
    `stripe.dashboard.${object}.list`,
    `stripe.dashboard.${object}.detail`,
  ]),
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function readJson(file: string): { [key: string]: Json } {
  return JSON.parse(readFileSync(path.join(APP_DIR, file), "utf8"));
}

/**
 * A manifest as the Stripe CLI reads it: an environment's manifest (stripe-app.<env>.json) is its base
 * with the environment's fields laid over it, objects merged key by key, anything else replaced.
 */
export function loadManifest(file: string): { [key: string]: Json } {
  const { extends: base, ...own } = readJson(file);
  if (base === undefined) return own;
  if (typeof base !== "string") throw new Error(`${file}: "extends" must name a manifest file`);
  return overlay(loadManifest(base), own) as { [key: string]: Json };
}

function overlay(base: Json, over: Json): Json {
  if (!isObject(base) || !isObject(over)) return over;
  const merged = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = key in base ? overlay(base[key]!, value) : value;
  return merged;
}

const isObject = (value: Json): value is { [key: string]: Json } => typeof value === "object" && value !== null && !Array.isArray(value);

/** Where the Stripe CLI looks for a view's component: src/views/<component>.tsx. */
export const viewFile = (component: string) => path.join(APP_DIR, "src", "views", `${component}.tsx`);
