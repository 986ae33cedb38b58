import { formatDuration, type LicenseSpec, type LicenseType } from "@tessera/shared";
import type { CatalogBundle, CatalogPolicy, CatalogProduct, CatalogView } from "./catalog-view";
import { LicensingFailure } from "./failures";
import type { LinePlan, ResolvedSpec } from "./resolved-spec";


/** Which licenses a price line sells: product defaults, then the policy, then the price metadata. */
export function resolveLine(meta: LicenseSpec, catalog: CatalogView): LinePlan {
  const code = meta.shortCode;
  if (meta.isProductBundle) {
    const bundle = catalog.bundle(code);
    if (!bundle) {
      if (catalog.product(code)) {
        throw new LicensingFailure("NOT_A_BUNDLE", `is_product_bundle is true but short_code "${code}" is a product, not a bundle`);
      }
      throw new LicensingFailure("UNKNOWN_BUNDLE", `No bundle with code "${code}" in the catalog`);
    }
    return resolveBundle(meta, bundle);
  }
  const product = catalog.product(code);
  if (!product) {
    if (catalog.bundle(code)) {
      throw new LicensingFailure(
        "BUNDLE_FLAG_MISSING",
        `short_code "${code}" is a bundle: set is_product_bundle=true on the price to sell it`,
      );
    }
    throw new LicensingFailure("UNKNOWN_PRODUCT", `No product with short_code "${code}" in the catalog`);
  }
  return { kind: "product", spec: resolveProductSpec(meta, product, pickPolicy(product, meta.licensePolicy)) };
}

function pickPolicy(product: CatalogProduct, code: string | undefined): CatalogPolicy | null {
  if (code === undefined) return product.policies.find((p) => p.isDefault) ?? null;
  const policy = product.policies.find((p) => p.code === code);
  if (!policy) {
    const known = product.policies.map((p) => p.code).join(", ") || "none";
    throw new LicensingFailure(
      "UNKNOWN_POLICY",
      `license_policy "${code}" is not a policy of product "${product.shortCode}" (its policies: ${known})`,
    );
  }
  return policy;
}

function resolveLicenseType(meta: LicenseSpec, policy: CatalogPolicy | null): LicenseType {
  // The metadata parser already forced subscription or consumption for recurring prices.
  if (meta.billing) return meta.licenseType ?? "subscription";
  const type = meta.licenseType ?? policy?.licenseType ?? "perpetual";
  return type;
}

function resolveProductSpec(meta: LicenseSpec, product: CatalogProduct, policy: CatalogPolicy | null): ResolvedSpec {
  const where = `product "${product.shortCode}"${policy ? `, policy "${policy.code}"` : ""}`;
  const licenseType = resolveLicenseType(meta, policy);
  const validDuration = meta.billing
    ? null
    : (meta.validDuration ? formatDuration(meta.validDuration) : null) ?? policy?.validDuration ?? null;
  if (licenseType === "time-limited" && !validDuration) {
    throw new LicensingFailure("INVALID_SPEC", `A time-limited license needs valid_duration (${where}): set it on the price or the policy`);
  }
  const maxActivations = meta.maxActivations ?? policy?.maxActivations ?? 1;
  const floatingUsers = meta.floatingCloud ?? policy?.floatingCloud ?? null;
  if (floatingUsers !== null && floatingUsers > maxActivations) {
    throw new LicensingFailure(
      "INVALID_SPEC",
      `floating_cloud ${floatingUsers} is above max_activations ${maxActivations} (${where}); it must be less than or equal`,
    );
  }
  const maintenanceOn = meta.enableMaintenanceDuration ?? policy?.enableMaintenance ?? false;
  const maintenanceDuration = maintenanceOn
    ? (meta.maintenanceDuration ? formatDuration(meta.maintenanceDuration) : null) ?? policy?.maintenanceDuration ?? null
    : null;
  if (maintenanceOn && !maintenanceDuration) {
    throw new LicensingFailure("INVALID_SPEC", `Maintenance is enabled but no maintenance_duration is set (${where})`);
  }
  const userBased = product.authorizationMethod === "USER";
  const maxLicenseUsers = meta.maxLicenseUsers ?? policy?.maxLicenseUsers ?? null;
  const assignCustomerAsUser = meta.assignCustomerAsUser ?? policy?.assignCustomerAsUser ?? false;
  if (!userBased && maxLicenseUsers !== null) {
    throw new LicensingFailure("INVALID_SPEC", `max_license_users needs a product with user authorization; ${where} uses license keys`);
  }
  if (!userBased && assignCustomerAsUser) {
    throw new LicensingFailure("INVALID_SPEC", `assign_customer_as_user needs a product with user authorization; ${where} uses license keys`);
  }
  return {
    productCode: product.shortCode,
    productId: product.id,
    policyCode: policy?.code ?? null,
    policyId: policy?.id ?? null,
    authorizationMethod: userBased ? "user" : "license-key",
    licenseType,
    validDuration,
    maxActivations,
    floatingUsers,
    maintenanceDuration,
    unpaidActiveLicensePeriod:
      (meta.unpaidActiveLicensePeriod ? formatDuration(meta.unpaidActiveLicensePeriod) : null) ??
      policy?.unpaidActiveLicensePeriod ??
      null,
    maxLicenseUsers,
    isLicenseManager: meta.isLicenseManager ?? policy?.isLicenseManager ?? false,
    assignCustomerAsUser,
    addedDays: meta.addedDays ?? policy?.addedDays ?? 0,
    maxConsumptions: policy?.maxConsumptions ?? null,
    isSingleLicense: meta.isSingleLicense,
    floatingUsersFromQuantity: meta.floatingUsersFromQuantity,
    features: policy?.features ?? [],
    featureSets: meta.featureSets ?? [],
    customFields: resolveCustomFields(meta, product, policy),
    majorVersion: meta.majorVersion ?? null,
    minorVersion: meta.minorVersion ?? null,
    billing: meta.billing ?? null,
  };
}

function resolveCustomFields(meta: LicenseSpec, product: CatalogProduct, policy: CatalogPolicy | null) {
  const fields: Record<string, string> = Object.fromEntries(product.customFields.map((f) => [f.name, f.defaultValue]));
  for (const [name, value] of Object.entries(policy?.customFields ?? {})) fields[name] = value;
  for (const [name, value] of Object.entries(meta.customFields)) {
    if (!(name in fields)) {
      const known = Object.keys(fields).join(", ") || "none";
      throw new LicensingFailure(
        "INVALID_SPEC",
        `custom_field_${name}: product "${product.shortCode}" has no custom field "${name}" (its custom fields: ${known})`,
      );
    }
    fields[name] = value;
  }
  return fields;
}

/**
 * A bundle sells one license for the bundle (shaped by the price metadata, with every member's features)
 * and one per member product, each from that member's default policy (seed 004).
 */
function resolveBundle(meta: LicenseSpec, bundle: CatalogBundle): LinePlan {
  if (Object.keys(meta.customFields).length > 0) {
    throw new LicensingFailure("INVALID_SPEC", `custom_field_ keys do not apply to bundle "${bundle.code}"; set them on the member products`);
  }
  if (bundle.members.length === 0) {
    throw new LicensingFailure("INVALID_SPEC", `Bundle "${bundle.code}" has no member products`);
  }
  // Members follow the bundle's billing: a recurring bundle makes subscription licenses of every member.
  const memberMeta: LicenseSpec = {
    shortCode: "",
    isSingleLicense: false,
    floatingUsersFromQuantity: false,
    isProductBundle: false,
    customFields: {},
    unknown: {},
    ...(meta.billing ? { billing: meta.billing, licenseType: meta.licenseType ?? "subscription" } : {}),
  };
  const members = bundle.members.map((product) =>
    resolveProductSpec({ ...memberMeta, shortCode: product.shortCode }, product, pickPolicy(product, undefined)),
  );
  const carrier: CatalogProduct = {
    id: "",
    shortCode: bundle.code,
    name: bundle.name,
    authorizationMethod: "LICENSE_KEY",
    features: [],
    customFields: [],
    policies: [],
  };
  const bundleSpec: ResolvedSpec = {
    ...resolveProductSpec(meta, carrier, null),
    productId: null,
    features: [...new Set(members.flatMap((m) => m.features))],
  };
  return { kind: "bundle", bundleCode: bundle.code, bundleId: bundle.id, bundleSpec, members };
}
