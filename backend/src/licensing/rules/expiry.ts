import { addDuration, parseDuration } from "@tessera/shared";
import type { ResolvedSpec } from "../resolved-spec";

const DAY_MS = 86_400_000;

function plus(from: Date, duration: string | null): Date | null {
  const d = duration ? parseDuration(duration) : null;
  return d ? addDuration(from, d) : null;
}

/**
 * When a license stops being valid by itself. Recurring licenses run to the end of the paid period plus
 * `added_days`; one-off licenses run for their valid duration from the purchase, or forever.
 */
export function licenseExpiry(spec: ResolvedSpec, startsAt: Date, paidThrough: Date | null): Date | null {
  if (spec.billing) return paidThrough ? new Date(paidThrough.getTime() + spec.addedDays * DAY_MS) : null;
  if (spec.licenseType === "perpetual") return null;
  return plus(startsAt, spec.validDuration);
}

export function maintenanceEnd(spec: ResolvedSpec, startsAt: Date): Date | null {
  return plus(startsAt, spec.maintenanceDuration);
}

/** End of the unpaid grace that started at `unpaidSince`, or null when the spec grants none. */
export function graceEnd(spec: ResolvedSpec, unpaidSince: Date): Date | null {
  return plus(unpaidSince, spec.unpaidActiveLicensePeriod);
}
