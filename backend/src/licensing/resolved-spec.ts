import type { BillingInterval, FeatureSet, LicenseType } from "@tessera/shared";

/** Everything a license needs, after product defaults, the policy and the price metadata were merged. */
export interface ResolvedSpec {
  productCode: string;
  /** null for the license of a bundle itself. */
  productId: string | null;
  policyCode: string | null;
  policyId: string | null;
  authorizationMethod: "license-key" | "user";
  licenseType: LicenseType;
  /** `N[d|w|m|y]`; only for licenses that expire by time on their own (not subscriptions). */
  validDuration: string | null;
  maxActivations: number;
  /** Simultaneous users of a floating cloud license; null when node-locked. */
  floatingUsers: number | null;
  maintenanceDuration: string | null;
  unpaidActiveLicensePeriod: string | null;
  maxLicenseUsers: number | null;
  isLicenseManager: boolean;
  assignCustomerAsUser: boolean;
  addedDays: number;
  maxConsumptions: number | null;
  isSingleLicense: boolean;
  floatingUsersFromQuantity: boolean;
  features: string[];
  featureSets: FeatureSet[];
  customFields: Record<string, string>;
  majorVersion: number | null;
  minorVersion: number | null;
  billing: BillingInterval | null;
}

/** What one price line sells: licenses of one product, or a bundle license plus one per member. */
export type LinePlan =
  | { kind: "product"; spec: ResolvedSpec }
  | { kind: "bundle"; bundleCode: string; bundleId: string; bundleSpec: ResolvedSpec; members: ResolvedSpec[] };
