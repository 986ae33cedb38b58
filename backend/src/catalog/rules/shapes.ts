import type { LicenseType } from "@tessera/shared";

// The catalog as vendors edit it (admin API, Stripe App, catalog.yaml): plain shapes, free of storage.

export type AuthorizationMethod = "LICENSE_KEY" | "USER";

export interface FeatureDef {
  code: string;
  name: string;
}

export interface CustomFieldDef {
  name: string;
  defaultValue: string;
}

export interface ProductShape {
  shortCode: string;
  name: string;
  authorizationMethod: AuthorizationMethod;
  features: FeatureDef[];
  customFields: CustomFieldDef[];
}

/** What a policy puts into its licenses. null: the policy leaves it to the price metadata or the defaults. */
export interface PolicyTerms {
  name: string;
  licenseType: LicenseType | null;
  validDuration: string | null;
  maxActivations: number | null;
  floatingCloud: number | null;
  enableMaintenance: boolean | null;
  maintenanceDuration: string | null;
  maxLicenseUsers: number | null;
  isLicenseManager: boolean | null;
  assignCustomerAsUser: boolean | null;
  unpaidActiveLicensePeriod: string | null;
  addedDays: number | null;
  maxConsumptions: number | null;
  /** Feature codes of the product. */
  features: string[];
  /** Custom field name → value, overriding the product's defaults. */
  customFields: Record<string, string>;
}

export const POLICY_TERM_KEYS = [
  "name",
  "licenseType",
  "validDuration",
  "maxActivations",
  "floatingCloud",
  "enableMaintenance",
  "maintenanceDuration",
  "maxLicenseUsers",
  "isLicenseManager",
  "assignCustomerAsUser",
  "unpaidActiveLicensePeriod",
  "addedDays",
  "maxConsumptions",
  "features",
  "customFields",
] as const satisfies readonly (keyof PolicyTerms)[];

export interface PolicyShape extends PolicyTerms {
  code: string;
  isDefault: boolean;
}

export interface BundleShape {
  code: string;
  name: string;
  /** Short codes of the member products. */
  members: string[];
}
