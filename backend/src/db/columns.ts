import type { LicenseType } from "@tessera/shared";
import type { $Enums, License, Policy } from "../generated/prisma/client";
import type { CauseType } from "../licensing/cause";

// The columns that plain SQL writes and reads, defined once. `satisfies Record<keyof Model, …>` makes the
// compiler name any column added to schema.prisma and missing here; db/columns.test.ts checks each SQL
// type against Prisma's schema (DMMF).

/** The SQL type a value is cast to when it travels as a parameter, or a recordset column (recordset.ts). */
export type SqlType = "text" | "int" | "boolean" | "jsonb" | "timestamptz" | '"LicenseStatus"' | '"LicenseType"';

export const LICENSE_COLUMNS = {
  id: "text",
  accountId: "text",
  key: "text",
  productId: "text",
  policyId: "text",
  bundleId: "text",
  customerId: "text",
  status: '"LicenseStatus"',
  manuallyDisabled: "boolean",
  disabledReason: "text",
  licenseType: '"LicenseType"',
  spec: "jsonb",
  maxActivations: "int",
  floatingUsers: "int",
  maxLicenseUsers: "int",
  expiresAt: "timestamptz",
  maintenanceUntil: "timestamptz",
  graceUntil: "timestamptz",
  consumptionUsed: "int",
  maxConsumptions: "int",
  lastValidatedAt: "timestamptz",
  sourceKey: "text",
  stripeSubscriptionId: "text",
  stripeSubscriptionItemId: "text",
  stripeInvoiceId: "text",
  stripeCheckoutSessionId: "text",
  stripePaymentIntentId: "text",
  stripeLineItemId: "text",
  stripePriceId: "text",
  unitIndex: "int",
  bundleMemberCode: "text",
  createdAt: "timestamptz",
  updatedAt: "timestamptz",
} as const satisfies Record<keyof License, SqlType>;

export type LicenseColumn = keyof typeof LICENSE_COLUMNS;

export const POLICY_COLUMNS = {
  id: "text",
  accountId: "text",
  productId: "text",
  code: "text",
  name: "text",
  isDefault: "boolean",
  licenseType: '"LicenseType"',
  validDuration: "text",
  maxActivations: "int",
  floatingCloud: "int",
  enableMaintenance: "boolean",
  maintenanceDuration: "text",
  maxLicenseUsers: "int",
  isLicenseManager: "boolean",
  assignCustomerAsUser: "boolean",
  unpaidActiveLicensePeriod: "text",
  addedDays: "int",
  maxConsumptions: "int",
  features: "jsonb",
  customFields: "jsonb",
  createdAt: "timestamptz",
  updatedAt: "timestamptz",
} as const satisfies Record<keyof Policy, SqlType>;

export type PolicyColumn = keyof typeof POLICY_COLUMNS;

/** `"maxActivations"`: a column name as SQL spells it. */
export const quoted = (column: string) => `"${column}"`;

export type LicenseTypeDb = $Enums.LicenseType;

/** `time-limited` → `TIME_LIMITED`: the price metadata's words as the LicenseType enum stores them. */
export function licenseTypeToDb(t: LicenseType): LicenseTypeDb {
  return t.toUpperCase().replace("-", "_") as LicenseTypeDb;
}

/** `TIME_LIMITED` → `time-limited`: the API and catalog.yaml speak the price metadata's words. */
export const licenseTypeFromDb = (t: LicenseTypeDb): LicenseType => t.toLowerCase().replace("_", "-") as LicenseType;

/** `true` only when A and B are the same type: a compile-time check that two lists agree. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The domain names its causes without knowing the database; the two must stay the same set.
export const CAUSE_TYPES_MATCH: Same<CauseType, $Enums.CauseType> = true;
