// Metadata key names as vendors type them in Stripe (seed 004, plus aliases from seeds 000 and 003).

export const METADATA_KEYS = {
  shortCode: "short_code",
  /** Zentitle's name for the same code (seed 003). */
  offeringSku: "offering_sku",
  licensePolicy: "license_policy",
  licenseType: "license_type",
  validDuration: "valid_duration",
  enableMaintenanceDuration: "enable_maintenance_duration",
  maintenanceDuration: "maintenance_duration",
  unpaidActiveLicensePeriod: "unpaid_active_license_period",
  maxActivations: "max_activations",
  floatingCloud: "floating_cloud",
  maxLicenseUsers: "max_license_users",
  isLicenseManager: "is_license_manager",
  assignCustomerAsUser: "assign_customer_as_user",
  addedDays: "added_days",
  ignoreProductInLicensespring: "ignore_product_in_licensespring",
  ignoreProduct: "ignore_product",
  isSingleLicense: "is_single_license",
  floatingUsersFromQuantity: "floating_users_from_quantity",
  isProductBundle: "is_product_bundle",
  /** QLM (seed 000). */
  isFeatures: "is_features",
  isMajorVersion: "is_majorversion",
  isMinorVersion: "is_minorversion",
} as const;

export type MetadataKey = (typeof METADATA_KEYS)[keyof typeof METADATA_KEYS];

/** `custom_field_{NAME}` overrides the license's custom field NAME. */
export const CUSTOM_FIELD_PREFIX = "custom_field_";

/** Not a metadata key: issues about the Stripe price's own `recurring` settings use this name. */
export const RECURRING_KEY = "recurring";

const KNOWN_KEYS: ReadonlySet<string> = new Set<string>(Object.values(METADATA_KEYS));

/** Keys that are neither in METADATA_KEYS nor custom fields belong to the vendor's other tools. */
export function isKnownKey(key: string): boolean {
  return KNOWN_KEYS.has(key) || key.startsWith(CUSTOM_FIELD_PREFIX);
}
