import { LicensingFailure } from "../failures";

/**
 * The most licenses one event may make. More is surely a mistake (a quantity typed with extra zeros), would
 * take minutes to write, and could never be written back to Stripe; one license with
 * `is_single_license=true` serves any quantity.
 */
export const MAX_LICENSES_PER_EVENT = 10_000;

export function assertLicenseCount(count: number, what: string): void {
  if (count > MAX_LICENSES_PER_EVENT) {
    throw new LicensingFailure(
      "TOO_MANY_LICENSES",
      `${what} would make ${count} licenses, more than the ${MAX_LICENSES_PER_EVENT} one event may make; sell large quantities as one license with is_single_license=true`,
    );
  }
}
