import type { BillingInterval, Duration, DurationUnit } from "./license-spec";

/** N from 1 to 9999 and a lowercase unit: the `N[d|w|m|y]` format of seed 004. */
const DURATION_PATTERN = /^([1-9][0-9]{0,3})([dwmy])$/;

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** `"20d"` → `{ count: 20, unit: "d" }`; null for anything outside DURATION_PATTERN. */
export function parseDuration(text: string): Duration | null {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return null;
  return { count: Number(match[1]), unit: match[2] as DurationUnit };
}

export function formatDuration(d: Duration): string {
  return `${d.count}${d.unit}`;
}

/**
 * Calendar arithmetic in UTC, so the result does not depend on the server's time zone.
 * Months and years keep the day of month but clamp to the target month's last day
 * (Jan 31 + 1m = Feb 28 or 29), so a license never runs into the month after.
 */
export function addDuration(from: Date, d: Duration): Date {
  switch (d.unit) {
    case "d":
      return new Date(from.getTime() + d.count * MS_PER_DAY);
    case "w":
      return new Date(from.getTime() + d.count * 7 * MS_PER_DAY);
    case "m":
      return addMonths(from, d.count);
    case "y":
      return addMonths(from, d.count * 12);
  }
}

function addMonths(from: Date, months: number): Date {
  const monthIndex = from.getUTCMonth() + months;
  const year = from.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(from.getUTCDate(), daysInMonth(year, month));
  const result = new Date(from.getTime());
  // setUTCFullYear rather than Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  result.setUTCFullYear(year, month, day);
  return result;
}

function daysInMonth(year: number, month: number): number {
  const probe = new Date(0);
  probe.setUTCFullYear(year, month + 1, 0);
  return probe.getUTCDate();
}

const BILLING_UNITS: Record<BillingInterval["interval"], DurationUnit> = {
  day: "d",
  week: "w",
  month: "m",
  year: "y",
};

/** A recurring price's license runs for one billing period: month × 3 → `3m`. */
export function billingToDuration(b: BillingInterval): Duration {
  return { count: b.intervalCount, unit: BILLING_UNITS[b.interval] };
}
