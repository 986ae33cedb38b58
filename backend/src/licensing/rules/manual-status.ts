import type { LicenseChange } from "./license-change";

/**
 * A person enables or disables a license (dashboard, admin API). A manual disable sticks: automatic rules
 * never re-enable the license; a manual enable lifts that.
 */
export function manualStatusChange(licenseId: string, enable: boolean, reason: string | undefined): LicenseChange {
  const why = reason ? `: ${reason}` : "";
  return enable
    ? { kind: "enable", licenseId, byHand: true, ...(reason ? { reason } : {}), message: `Enabled by hand${why}` }
    : { kind: "disable", licenseId, byHand: true, reason: reason ?? "disabled by hand", message: `Disabled by hand${why}` };
}
