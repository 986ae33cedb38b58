// What a Stripe price (with its product as fallback) says about the licenses it sells.
// Optional fields are overrides: when absent, the catalog's policy or product default applies.

export const LICENSE_TYPES = ["perpetual", "time-limited", "subscription", "consumption"] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];

export const DURATION_UNITS = ["d", "w", "m", "y"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** `N[d|w|m|y]`, e.g. `20d`, `1y`. */
export interface Duration {
  count: number;
  unit: DurationUnit;
}

/** The recurring part of a Stripe price. */
export interface BillingInterval {
  interval: "day" | "week" | "month" | "year";
  intervalCount: number;
}

/** QLM-style feature set (`is_features=0:3;1:1`): set index and the bitmask of enabled features. */
export interface FeatureSet {
  set: number;
  mask: number;
}

export interface LicenseSpec {
  /** `short_code` (or its alias `offering_sku`): the product's, or with `isProductBundle` the bundle's, code. */
  shortCode: string;
  licensePolicy?: string;
  /** Forced to subscription (or consumption) when the price is recurring. */
  licenseType?: LicenseType;
  /** Only for non-recurring prices; a recurring price's duration is `billing`. */
  validDuration?: Duration;
  enableMaintenanceDuration?: boolean;
  maintenanceDuration?: Duration;
  unpaidActiveLicensePeriod?: Duration;
  maxActivations?: number;
  /** Simultaneous users of a floating cloud license; never above `maxActivations`. */
  floatingCloud?: number;
  maxLicenseUsers?: number;
  isLicenseManager?: boolean;
  assignCustomerAsUser?: boolean;
  addedDays?: number;
  isSingleLicense: boolean;
  floatingUsersFromQuantity: boolean;
  isProductBundle: boolean;
  /** `custom_field_{NAME}` values by NAME. */
  customFields: Record<string, string>;
  /** `is_features`. */
  featureSets?: FeatureSet[];
  /** `is_majorversion` / `is_minorversion`. */
  majorVersion?: number;
  minorVersion?: number;
  /** Present when the price is recurring. */
  billing?: BillingInterval;
  /** Keys this schema does not know, kept as they are (vendors use metadata for other tools too). */
  unknown: Record<string, string>;
}

/** One invalid metadata value, worded for the vendor who has to fix the price. */
export interface MetadataIssue {
  key: string;
  value: string | undefined;
  /** Where the value came from. */
  source: "price" | "product";
  message: string;
}
