import { z } from "zod";
import { parseDuration } from "./duration";
import { FEATURE_SETS_EXPECTED, parseFeatureSets } from "./feature-sets";
import { LICENSE_TYPES } from "./license-spec";

/**
 * How one metadata value is validated. Each zod message completes a sentence about the value
 * ("is not a whole number") and `expected` says what is allowed, so issues read like
 * `max_activations: "abc" is not a whole number; expected 1 to 1000000`.
 */
export interface ValueRule<T> {
  schema: z.ZodType<T, string>;
  expected: string;
}

// Aborting here gives a blank value one reason instead of "is empty and is not a whole number".
const text = z.string().min(1, { error: "is empty", abort: true });

export function nonEmptyText(expected: string): ValueRule<string> {
  return { schema: text, expected };
}

export function wholeNumber(min: number, max: number): ValueRule<number> {
  const outOfRange = { error: "is out of range" };
  return {
    // Digits only: Number() alone would also accept "1e3", "0x10", "+5" and "1.0".
    schema: text
      .regex(/^[0-9]+$/, { error: "is not a whole number" })
      .transform(Number)
      .pipe(z.number().min(min, outOfRange).max(max, outOfRange)),
    expected: `${min} to ${max}`,
  };
}

export const DURATION_RULE = {
  schema: text.transform((value, ctx) => {
    const duration = parseDuration(value);
    if (duration) return duration;
    ctx.issues.push({ code: "custom", message: "is not a duration", input: value });
    return z.NEVER;
  }),
  expected: "N followed by d, w, m or y, e.g. 30d or 1y",
} satisfies ValueRule<unknown>;

export const LICENSE_TYPE_RULE = {
  schema: text.pipe(z.enum(LICENSE_TYPES, { error: "is not a license type" })),
  expected: "perpetual, time-limited, subscription or consumption",
} satisfies ValueRule<unknown>;

export const FEATURE_SETS_RULE = {
  schema: text.transform((value, ctx) => {
    const result = parseFeatureSets(value);
    if (result.ok) return result.featureSets;
    ctx.issues.push({ code: "custom", message: result.problem, input: value });
    return z.NEVER;
  }),
  expected: FEATURE_SETS_EXPECTED,
} satisfies ValueRule<unknown>;
