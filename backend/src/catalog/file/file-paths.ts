import type { IssuePath } from "../rules/issue";

// The catalog rules name fields as the admin API does (validDuration); catalog.yaml names them like the
// price metadata (valid_duration). Issues and diffs are shown in the file's names.

const FILE_KEYS: Record<string, string> = {
  shortCode: "short_code",
  authorizationMethod: "authorization_method",
  customFields: "custom_fields",
  defaultValue: "default",
  isDefault: "default",
  licenseType: "license_type",
  validDuration: "valid_duration",
  maxActivations: "max_activations",
  floatingCloud: "floating_cloud",
  enableMaintenance: "enable_maintenance_duration",
  maintenanceDuration: "maintenance_duration",
  maxLicenseUsers: "max_license_users",
  isLicenseManager: "is_license_manager",
  assignCustomerAsUser: "assign_customer_as_user",
  unpaidActiveLicensePeriod: "unpaid_active_license_period",
  addedDays: "added_days",
  maxConsumptions: "max_consumptions",
  members: "products",
};

export const fileKey = (field: string): string => FILE_KEYS[field] ?? field;

/** Renames the field segments of a rule's path; a policy's custom field name after `customFields` stays. */
export function toFilePath(path: IssuePath): IssuePath {
  return path.map((segment, i) => (typeof segment === "number" || path[i - 1] === "customFields" ? segment : fileKey(segment)));
}

/** `products[1].policies[0].valid_duration` */
export function formatFilePath(path: IssuePath): string {
  return path.reduce<string>((text, segment) => (typeof segment === "number" ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), "");
}
