import { LicensingFailure } from "../failures";
import type { LinePlan, ResolvedSpec } from "../resolved-spec";

/**
 * Test fixtures for the licensing rules (not a test itself: jest only runs `*.test.ts`).
 * Defaults are the plainest license (perpetual, one activation, no extras) so each test states only what it relies on.
 */
export function spec(overrides: Partial<ResolvedSpec> = {}): ResolvedSpec {
  return {
    productCode: "APP",
    productId: "prod_app",
    policyCode: null,
    policyId: null,
    authorizationMethod: "license-key",
    licenseType: "perpetual",
    validDuration: null,
    maxActivations: 1,
    floatingUsers: null,
    maintenanceDuration: null,
    unpaidActiveLicensePeriod: null,
    maxLicenseUsers: null,
    isLicenseManager: false,
    assignCustomerAsUser: false,
    addedDays: 0,
    maxConsumptions: null,
    isSingleLicense: false,
    floatingUsersFromQuantity: false,
    features: [],
    featureSets: [],
    customFields: {},
    majorVersion: null,
    minorVersion: null,
    billing: null,
    ...overrides,
  };
}

/** A monthly subscription license, as a recurring price resolves. */
export function subscriptionSpec(overrides: Partial<ResolvedSpec> = {}): ResolvedSpec {
  return spec({ licenseType: "subscription", billing: { interval: "month", intervalCount: 1 }, ...overrides });
}

export function productPlan(s: ResolvedSpec = spec()): LinePlan {
  return { kind: "product", spec: s };
}

/** A bundle whose own license uses `bundleSpec`, with one member license per spec in `members`. */
export function bundlePlan(
  members: ResolvedSpec[] = [spec({ productCode: "APP", productId: "prod_app" }), spec({ productCode: "TEAM", productId: "prod_team" })],
  bundleSpec: ResolvedSpec = spec({ productCode: "SUITE", productId: null }),
  bundleCode = "SUITE",
): LinePlan {
  return { kind: "bundle", bundleCode, bundleId: `bun_${bundleCode.toLowerCase()}`, bundleSpec, members };
}

export const DAY_MS = 86_400_000;

/** The LicensingFailure that `fn` throws; anything else (or nothing) fails the test. */
export function failureOf(fn: () => unknown): LicensingFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof LicensingFailure) return err;
    throw err;
  }
  throw new Error("expected a LicensingFailure");
}
