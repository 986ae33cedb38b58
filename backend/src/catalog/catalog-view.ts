import type { LicenseTypeDb } from "../licensing/resolved-spec";

// The part of an account's catalog that spec resolution reads, loaded per event (catalog/load-catalog.ts).

export interface CatalogPolicy {
  id: string;
  code: string;
  isDefault: boolean;
  licenseType: LicenseTypeDb | null;
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
  features: string[];
  customFields: Record<string, string>;
}

export interface CatalogProduct {
  id: string;
  shortCode: string;
  name: string;
  authorizationMethod: "LICENSE_KEY" | "USER";
  features: { code: string; name: string }[];
  customFields: { name: string; defaultValue: string }[];
  policies: CatalogPolicy[];
}

export interface CatalogBundle {
  id: string;
  code: string;
  name: string;
  members: CatalogProduct[];
}

export interface CatalogView {
  product(shortCode: string): CatalogProduct | undefined;
  bundle(code: string): CatalogBundle | undefined;
}
