import type { Bundle, Policy, Prisma, Product } from "../generated/prisma/client";
import { licenseTypeFromDb, licenseTypeToDb } from "../db/columns";
import type { BundleShape, PolicyShape, PolicyTerms, ProductShape, FeatureDef, CustomFieldDef } from "./rules/shapes";

// The catalog as vendors edit it (admin API, catalog.yaml), mapped from and to the Prisma rows.

export interface ProductRecord extends ProductShape {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface PolicyRecord extends PolicyShape {
  id: string;
  /** The product's short code. */
  product: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface BundleRecord extends BundleShape {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

export type ProductWithPolicies = ProductRecord & { policies: PolicyRecord[] };

export function toProductRecord(row: Product): ProductRecord {
  return {
    id: row.id,
    shortCode: row.shortCode,
    name: row.name,
    authorizationMethod: row.authorizationMethod,
    features: row.features as unknown as FeatureDef[],
    customFields: row.customFields as unknown as CustomFieldDef[],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toPolicyRecord(row: Policy, productShortCode: string): PolicyRecord {
  return {
    id: row.id,
    product: productShortCode,
    code: row.code,
    isDefault: row.isDefault,
    name: row.name,
    licenseType: row.licenseType === null ? null : licenseTypeFromDb(row.licenseType),
    validDuration: row.validDuration,
    maxActivations: row.maxActivations,
    floatingCloud: row.floatingCloud,
    enableMaintenance: row.enableMaintenance,
    maintenanceDuration: row.maintenanceDuration,
    maxLicenseUsers: row.maxLicenseUsers,
    isLicenseManager: row.isLicenseManager,
    assignCustomerAsUser: row.assignCustomerAsUser,
    unpaidActiveLicensePeriod: row.unpaidActiveLicensePeriod,
    addedDays: row.addedDays,
    maxConsumptions: row.maxConsumptions,
    features: row.features as unknown as string[],
    customFields: row.customFields as unknown as Record<string, string>,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toBundleRecord(row: Bundle & { members: { product: { shortCode: string } }[] }): BundleRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    members: row.members.map((m) => m.product.shortCode).sort(),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function policyTermsToDb(t: PolicyTerms) {
  return {
    name: t.name,
    licenseType: t.licenseType === null ? null : licenseTypeToDb(t.licenseType),
    validDuration: t.validDuration,
    maxActivations: t.maxActivations,
    floatingCloud: t.floatingCloud,
    enableMaintenance: t.enableMaintenance,
    maintenanceDuration: t.maintenanceDuration,
    maxLicenseUsers: t.maxLicenseUsers,
    isLicenseManager: t.isLicenseManager,
    assignCustomerAsUser: t.assignCustomerAsUser,
    unpaidActiveLicensePeriod: t.unpaidActiveLicensePeriod,
    addedDays: t.addedDays,
    maxConsumptions: t.maxConsumptions,
    features: t.features as Prisma.InputJsonValue,
    customFields: t.customFields as Prisma.InputJsonValue,
  };
}

// CatalogChange before/after: what a vendor edits, without ids and timestamps.

export const productSnapshot = (p: ProductShape): ProductShape => ({
  shortCode: p.shortCode,
  name: p.name,
  authorizationMethod: p.authorizationMethod,
  features: p.features,
  customFields: p.customFields,
});

export function policySnapshot(p: PolicyRecord) {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

export const bundleSnapshot = (b: BundleShape): BundleShape => ({ code: b.code, name: b.name, members: b.members });
