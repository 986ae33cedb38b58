import { z } from "zod";
import { RECURRING_KEY } from "./keys";
import type { BillingInterval, MetadataIssue } from "./license-spec";

const recurringSchema = z.object({
  interval: z.enum(["day", "week", "month", "year"]),
  interval_count: z.number().int().min(1),
});

export type RecurringResult = { ok: true; billing: BillingInterval } | { ok: false; issue: MetadataIssue };

/** Reads a Stripe price's `recurring` (non-null); it comes from Stripe's API, so any shape is checked. */
export function parseRecurring(recurring: unknown): RecurringResult {
  const result = recurringSchema.safeParse(recurring);
  if (result.success) {
    return { ok: true, billing: { interval: result.data.interval, intervalCount: result.data.interval_count } };
  }
  const value = describeRecurring(recurring);
  return {
    ok: false,
    issue: {
      key: RECURRING_KEY,
      value,
      source: "price",
      message: `${RECURRING_KEY}: ${value} is not a billing interval; expected interval day, week, month or year and a whole interval_count of at least 1 (price billing settings)`,
    },
  };
}

function describeRecurring(recurring: unknown): string {
  if (typeof recurring !== "object" || recurring === null) return describe(recurring);
  const { interval, interval_count } = recurring as Record<string, unknown>;
  return `interval ${describe(interval)}, interval_count ${describe(interval_count)}`;
}

// Only primitives are spelled out: interpolating a symbol or a prototype-less object would throw.
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object" && value !== null) return "an object";
  if (typeof value === "symbol" || typeof value === "function") return `a ${typeof value}`;
  return String(value);
}
