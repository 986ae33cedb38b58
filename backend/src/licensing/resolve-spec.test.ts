import { parseLicenseMetadata, type LicenseSpec } from "@tessera/shared";
import type { CatalogBundle, CatalogPolicy, CatalogProduct, CatalogView } from "./catalog-view";
import { resolveLine } from "./resolve-spec";
import { failureOf } from "./rules/test-fixtures";

function meta(metadata: Record<string, string>, recurring: { interval: string; interval_count: number } | null = null): LicenseSpec {
  const r = parseLicenseMetadata({ priceMetadata: metadata, recurring });
  if (r.kind !== "spec") throw new Error(`fixture metadata is ${r.kind}`);
  return r.spec;
}

function policy(code: string, terms: Partial<CatalogPolicy> = {}): CatalogPolicy {
  return {
    id: `pol_${code}`,
    code,
    isDefault: false,
    licenseType: null,
    validDuration: null,
    maxActivations: null,
    floatingCloud: null,
    enableMaintenance: null,
    maintenanceDuration: null,
    maxLicenseUsers: null,
    isLicenseManager: null,
    assignCustomerAsUser: null,
    unpaidActiveLicensePeriod: null,
    addedDays: null,
    maxConsumptions: null,
    features: [],
    customFields: {},
    ...terms,
  };
}

const app: CatalogProduct = {
  id: "prod_app",
  shortCode: "APP",
  name: "App",
  authorizationMethod: "LICENSE_KEY",
  features: [{ code: "export", name: "Export" }, { code: "sync", name: "Sync" }],
  customFields: [{ name: "Serial", defaultValue: "111" }, { name: "Tier", defaultValue: "basic" }],
  policies: [
    policy("std", { isDefault: true, maxActivations: 2, licenseType: "time-limited", validDuration: "1y", features: ["export"], customFields: { Tier: "std" } }),
    policy("gold", { maxActivations: 10, floatingCloud: 5, features: ["export", "sync"] }),
  ],
};
const team: CatalogProduct = { ...app, id: "prod_team", shortCode: "TEAM", authorizationMethod: "USER", policies: [policy("t", { isDefault: true, maxLicenseUsers: 5 })] };
const bare: CatalogProduct = { ...app, id: "prod_bare", shortCode: "BARE", customFields: [], policies: [] };
const suite: CatalogBundle = { id: "bun_suite", code: "SUITE", name: "Suite", members: [app, team] };

const catalog: CatalogView = {
  product: (code) => [app, team, bare].find((p) => p.shortCode === code),
  bundle: (code) => (code === "SUITE" ? suite : undefined),
};

function spec(metadata: Record<string, string>, recurring: { interval: string; interval_count: number } | null = null) {
  const plan = resolveLine(meta(metadata, recurring), catalog);
  if (plan.kind !== "product") throw new Error("expected a product plan");
  return plan.spec;
}

const failure = (metadata: Record<string, string>) => failureOf(() => resolveLine(meta(metadata), catalog));

describe("resolution order: product defaults, then the policy, then the price metadata", () => {
  test("no license_policy: the product's default policy", () => {
    expect(spec({ short_code: "APP" })).toMatchObject({
      policyCode: "std",
      licenseType: "time-limited",
      validDuration: "1y",
      maxActivations: 2,
      features: ["export"],
      customFields: { Serial: "111", Tier: "std" },
    });
  });

  test("a named policy replaces the default", () => {
    expect(spec({ short_code: "APP", license_policy: "gold" })).toMatchObject({
      policyCode: "gold",
      licenseType: "perpetual",
      maxActivations: 10,
      floatingUsers: 5,
      features: ["export", "sync"],
      customFields: { Serial: "111", Tier: "basic" },
    });
  });

  test("price metadata overrides the policy field by field", () => {
    expect(spec({ short_code: "APP", max_activations: "7", valid_duration: "30d", custom_field_Serial: "999" })).toMatchObject({
      policyCode: "std",
      maxActivations: 7,
      validDuration: "30d",
      customFields: { Serial: "999", Tier: "std" },
    });
  });

  test("without any policy, built-in defaults: perpetual, one activation", () => {
    expect(spec({ short_code: "BARE" })).toMatchObject({ policyCode: null, licenseType: "perpetual", maxActivations: 1, floatingUsers: null, features: [] });
  });

  test("a recurring price makes a subscription license without a valid duration, whatever the policy says", () => {
    expect(spec({ short_code: "APP" }, { interval: "month", interval_count: 1 })).toMatchObject({
      licenseType: "subscription",
      validDuration: null,
      billing: { interval: "month", intervalCount: 1 },
    });
  });
});

describe("failures name the problem", () => {
  test.each([
    [{ short_code: "NOPE" }, "UNKNOWN_PRODUCT", 'No product with short_code "NOPE" in the catalog'],
    [{ short_code: "APP", license_policy: "silver" }, "UNKNOWN_POLICY", 'license_policy "silver" is not a policy of product "APP" (its policies: std, gold)'],
    [{ short_code: "SUITE" }, "BUNDLE_FLAG_MISSING", 'short_code "SUITE" is a bundle: set is_product_bundle=true on the price to sell it'],
    [{ short_code: "APP", is_product_bundle: "true" }, "NOT_A_BUNDLE", 'is_product_bundle is true but short_code "APP" is a product, not a bundle'],
    [{ short_code: "GONE", is_product_bundle: "true" }, "UNKNOWN_BUNDLE", 'No bundle with code "GONE" in the catalog'],
    [{ short_code: "APP", license_policy: "gold", max_activations: "3" }, "INVALID_SPEC", 'floating_cloud 5 is above max_activations 3 (product "APP", policy "gold"); it must be less than or equal'],
    [{ short_code: "APP", custom_field_Color: "red" }, "INVALID_SPEC", 'custom_field_Color: product "APP" has no custom field "Color" (its custom fields: Serial, Tier)'],
    [{ short_code: "APP", max_license_users: "3" }, "INVALID_SPEC", 'max_license_users needs a product with user authorization; product "APP", policy "std" uses license keys'],
    [{ short_code: "BARE", license_type: "time-limited" }, "INVALID_SPEC", 'A time-limited license needs valid_duration (product "BARE"): set it on the price or the policy'],
    [{ short_code: "BARE", enable_maintenance_duration: "true" }, "INVALID_SPEC", 'Maintenance is enabled but no maintenance_duration is set (product "BARE")'],
  ])("%j → %s", (metadata, code, message) => {
    const err = failure(metadata);
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
  });
});

test("a bundle sells its own license with every member's features, and one per member from the member's default policy", () => {
  const plan = resolveLine(meta({ short_code: "SUITE", is_product_bundle: "true", max_activations: "4" }), catalog);
  expect(plan.kind).toBe("bundle");
  if (plan.kind !== "bundle") return;
  expect(plan.bundleSpec).toMatchObject({ productCode: "SUITE", productId: null, maxActivations: 4, features: ["export"] });
  expect(plan.members.map((m) => [m.productCode, m.policyCode, m.maxActivations, m.maxLicenseUsers])).toEqual([
    ["APP", "std", 2, null],
    ["TEAM", "t", 1, 5],
  ]);
});
