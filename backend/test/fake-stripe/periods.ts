import type Stripe from "stripe";

const DAY = 86_400;

// Stripe bills monthly and yearly periods on the anchor's day of month, clamped to shorter months
// (Jan 31 → Feb 28 → Mar 31), so plain "+30 days" would drift from what it sends.
function addMonths(unix: number, months: number): number {
  const start = new Date(unix * 1000);
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  target.setUTCHours(start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds());
  return Math.floor(target.getTime() / 1000);
}

export function addInterval(unix: number, recurring: Pick<Stripe.Price.Recurring, "interval" | "interval_count">): number {
  const count = recurring.interval_count;
  switch (recurring.interval) {
    case "day":
      return unix + count * DAY;
    case "week":
      return unix + count * 7 * DAY;
    case "month":
      return addMonths(unix, count);
    case "year":
      return addMonths(unix, 12 * count);
    default:
      throw new Error(`Unknown billing interval: ${recurring.interval}`);
  }
}

export function addDays(unix: number, days: number): number {
  return unix + days * DAY;
}
