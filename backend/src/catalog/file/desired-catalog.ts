import type { BundleShape, PolicyTerms, ProductShape } from "../rules/shapes";
import type { IssuePath } from "../rules/issue";
import type { CatalogFile, PolicyFileEntry } from "./catalog-file-schema";

// What a catalog.yaml asks for, in the catalog's own terms; `at` is where each entry sits in the file.

export interface DesiredPolicy {
  at: IssuePath;
  code: string;
  /** `default: true`. Leaving it out (or false) asks for no change of the product's default. */
  makeDefault: boolean;
  terms: PolicyTerms;
}

export interface DesiredProduct {
  at: IssuePath;
  product: ProductShape;
  policies: DesiredPolicy[];
}

export interface DesiredBundle {
  at: IssuePath;
  bundle: BundleShape;
}

export interface DesiredCatalog {
  products: DesiredProduct[];
  bundles: DesiredBundle[];
}

function policyTerms(p: PolicyFileEntry): PolicyTerms {
  return {
    name: p.name,
    licenseType: p.license_type ?? null,
    validDuration: p.valid_duration ?? null,
    maxActivations: p.max_activations ?? null,
    floatingCloud: p.floating_cloud ?? null,
    enableMaintenance: p.enable_maintenance_duration ?? null,
    maintenanceDuration: p.maintenance_duration ?? null,
    maxLicenseUsers: p.max_license_users ?? null,
    isLicenseManager: p.is_license_manager ?? null,
    assignCustomerAsUser: p.assign_customer_as_user ?? null,
    unpaidActiveLicensePeriod: p.unpaid_active_license_period ?? null,
    addedDays: p.added_days ?? null,
    maxConsumptions: p.max_consumptions ?? null,
    features: p.features ?? [],
    customFields: p.custom_fields ?? {},
  };
}

/** An entry the file lists is described completely: a key left out means "not set", not "keep". */
export function toDesiredCatalog(file: CatalogFile): DesiredCatalog {
  return {
    products: (file.products ?? []).map((p, i) => ({
      at: ["products", i],
      product: {
        shortCode: p.short_code,
        name: p.name,
        authorizationMethod: p.authorization_method ?? "LICENSE_KEY",
        features: p.features ?? [],
        customFields: (p.custom_fields ?? []).map((f) => ({ name: f.name, defaultValue: f.default ?? "" })),
      },
      policies: (p.policies ?? []).map((policy, j) => ({
        at: ["products", i, "policies", j],
        code: policy.code,
        makeDefault: policy.default === true,
        terms: policyTerms(policy),
      })),
    })),
    bundles: (file.bundles ?? []).map((b, i) => ({ at: ["bundles", i], bundle: { code: b.code, name: b.name, members: b.products } })),
  };
}
