import type Stripe from "stripe";
import { invalidParam } from "./errors";
import type { FormValue } from "./form";

// Stripe's documented metadata limits; enforcing them here catches write-backs (e.g. many license keys
// in one value) that would only fail against the real API.
const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;

/** Stripe's update semantics: keys merge, an empty value unsets a key, an empty `metadata` unsets them all. */
export function mergeMetadata(current: Stripe.Metadata, update: FormValue | undefined): Stripe.Metadata {
  if (update === undefined) return current;
  if (update === "") return {};
  if (typeof update === "string" || Array.isArray(update)) {
    throw invalidParam("metadata", "Invalid metadata: must be a hash of string keys to string values.");
  }
  const merged: Stripe.Metadata = { ...current };
  for (const [key, value] of Object.entries(update)) {
    const param = `metadata[${key}]`;
    if (typeof value !== "string") throw invalidParam(param, `Invalid metadata value for ${key}: must be a string.`);
    if (key.length > MAX_KEY_LENGTH) {
      throw invalidParam(param, `Metadata keys can have up to ${MAX_KEY_LENGTH} characters, but you passed in a key that is ${key.length} characters.`);
    }
    if (value.length > MAX_VALUE_LENGTH) {
      throw invalidParam(param, `Metadata values can have up to ${MAX_VALUE_LENGTH} characters, but you passed in a value that is ${value.length} characters.`);
    }
    if (value === "") delete merged[key];
    else merged[key] = value;
  }
  if (Object.keys(merged).length > MAX_KEYS) {
    throw invalidParam("metadata", `You can have up to ${MAX_KEYS} metadata keys, but this object would have ${Object.keys(merged).length}.`);
  }
  return merged;
}
