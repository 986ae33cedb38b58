import type { LicenseChange } from "./license-change";

/** An instant as history lines show it: to the second, in UTC. */
const shown = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Active licenses whose unpaid grace (`unpaid_active_license_period`) ran out are disabled. Events cannot
 * do it: Stripe may send nothing when the grace ends.
 */
export function graceEndedChanges(licenses: { id: string; graceUntil: Date }[], now: Date): LicenseChange[] {
  return licenses
    .filter((l) => l.graceUntil <= now)
    .map((l) => ({
      kind: "disable" as const,
      licenseId: l.id,
      reason: "unpaid grace ended",
      message: `Disabled: the subscription is still unpaid and its grace ended ${shown(l.graceUntil)}`,
    }));
}
