import { parseDuration } from "@tessera/shared";
import type { Issue, IssuePath } from "./issue";

// Checks of single values, worded like the price metadata issues: `"3x" is not a duration; expected …`.

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// A custom field is overridden by the price metadata key `custom_field_{NAME}`, and Stripe metadata keys
// have at most 40 characters.
const CUSTOM_FIELD_NAME = /^[A-Za-z0-9_-]{1,27}$/;
// Stripe metadata values have at most 500 characters, and custom field values travel through them.
const MAX_VALUE = 500;
const MAX_NAME = 200;

const shown = (value: unknown) => JSON.stringify(value);

export function codeIssues(path: IssuePath, value: string): Issue[] {
  return CODE.test(value)
    ? []
    : [{ path, message: `${shown(value)} is not a valid code; expected 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit` }];
}

export function nameIssues(path: IssuePath, value: string): Issue[] {
  if (value.trim() === "") return [{ path, message: "is empty; expected a name" }];
  return value.length > MAX_NAME ? [{ path, message: `is ${value.length} characters long; expected at most ${MAX_NAME}` }] : [];
}

export function customFieldNameIssues(path: IssuePath, value: string): Issue[] {
  return CUSTOM_FIELD_NAME.test(value)
    ? []
    : [{ path, message: `${shown(value)} is not a valid custom field name; expected 1 to 27 letters, digits, "_" or "-" (it becomes the metadata key custom_field_NAME)` }];
}

export function fieldValueIssues(path: IssuePath, value: string): Issue[] {
  return value.length > MAX_VALUE ? [{ path, message: `is ${value.length} characters long; expected at most ${MAX_VALUE}` }] : [];
}

export function durationIssues(path: IssuePath, value: string | null): Issue[] {
  if (value === null || parseDuration(value) !== null) return [];
  return [{ path, message: `${shown(value)} is not a duration; expected N followed by d, w, m or y, e.g. 30d or 1y` }];
}

export function wholeNumberIssues(path: IssuePath, value: number | null, min: number, max: number): Issue[] {
  if (value === null || (Number.isInteger(value) && value >= min && value <= max)) return [];
  return [{ path, message: `${shown(value)} is not a whole number from ${min} to ${max}` }];
}

/** Each value once: the second and later occurrences are reported. */
export function duplicateIssues<T>(items: T[], key: (item: T) => string, pathOf: (index: number) => IssuePath, what: string): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  items.forEach((item, index) => {
    const k = key(item);
    if (seen.has(k)) issues.push({ path: pathOf(index), message: `${shown(k)} appears more than once; each ${what} must be unique` });
    seen.add(k);
  });
  return issues;
}
