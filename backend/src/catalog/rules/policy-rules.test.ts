import type { PolicyShape, ProductShape } from "./shapes";
import { defaultPolicyIssues, policyIssues } from "./policy-rules";

const product: ProductShape = {
  shortCode: "APP",
  name: "App",
  authorizationMethod: "LICENSE_KEY",
  features: [{ code: "export", name: "Export" }],
  customFields: [{ name: "Serial", defaultValue: "111" }],
};

const policy = (terms: Partial<PolicyShape> = {}): PolicyShape => ({
  code: "std",
  name: "Standard",
  isDefault: true,
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
});

const paths = (p: PolicyShape, prod = product) => policyIssues(p, prod).map((i) => i.path.join("."));

test("a policy that sets nothing is valid: every term falls back to the price metadata or the defaults", () => {
  expect(policyIssues(policy(), product)).toEqual([]);
});

test("every duration is checked with the metadata's N[d|w|m|y] format", () => {
  const issues = policyIssues(policy({ validDuration: "3x", maintenanceDuration: "1y", unpaidActiveLicensePeriod: "0d" }), product);
  expect(issues).toEqual([
    { path: ["validDuration"], message: '"3x" is not a duration; expected N followed by d, w, m or y, e.g. 30d or 1y' },
    { path: ["unpaidActiveLicensePeriod"], message: '"0d" is not a duration; expected N followed by d, w, m or y, e.g. 30d or 1y' },
  ]);
});

test("floating cloud users may not exceed max activations, which defaults to 1 when the policy leaves it out", () => {
  expect(paths(policy({ maxActivations: 5, floatingCloud: 5 }))).toEqual([]);
  expect(policyIssues(policy({ maxActivations: 5, floatingCloud: 6 }), product)).toEqual([
    { path: ["floatingCloud"], message: "6 is above max activations 5; floating cloud users must be at most the max activations" },
  ]);
  expect(policyIssues(policy({ floatingCloud: 2 }), product)[0]?.message).toBe(
    "2 is above max activations (not set: 1); floating cloud users must be at most the max activations",
  );
});

test("counts are whole numbers within the metadata's ranges", () => {
  expect(paths(policy({ maxActivations: 0, maxConsumptions: 0, addedDays: -1 }))).toEqual(["maxActivations", "addedDays", "maxConsumptions"]);
  expect(paths(policy({ maxActivations: 5, floatingCloud: 1.5 }))).toEqual(["floatingCloud"]);
  expect(paths(policy({ maxActivations: 1_000_000, addedDays: 0 }))).toEqual([]);
});

test("user-only terms are refused on a license-key product and accepted on a user product", () => {
  const userTerms = policy({ maxLicenseUsers: 5, assignCustomerAsUser: true });
  expect(policyIssues(userTerms, product)).toEqual([
    { path: ["maxLicenseUsers"], message: 'applies only to products with user authorization; product "APP" uses license keys' },
    { path: ["assignCustomerAsUser"], message: 'applies only to products with user authorization; product "APP" uses license keys' },
  ]);
  expect(policyIssues(userTerms, { ...product, authorizationMethod: "USER" })).toEqual([]);
  // false asks for nothing a license-key product lacks.
  expect(paths(policy({ assignCustomerAsUser: false }))).toEqual([]);
});

test("features and custom fields must be the product's own", () => {
  const issues = policyIssues(policy({ features: ["export", "cloud", "export"], customFields: { Serial: "222", Colour: "red" } }), product);
  expect(issues).toEqual([
    { path: ["features", 1], message: '"cloud" is not a feature of product "APP" (its features: export)' },
    { path: ["features", 2], message: '"export" appears more than once; each feature must be unique' },
    { path: ["customFields", "Colour"], message: 'is not a custom field of product "APP" (its custom fields: Serial)' },
  ]);
});

test("codes and names are checked like every catalog code", () => {
  expect(paths(policy({ code: "has space", name: " " }))).toEqual(["code", "name"]);
});

test("a product with policies has exactly one default", () => {
  expect(defaultPolicyIssues([])).toEqual([]);
  expect(defaultPolicyIssues([{ code: "a", isDefault: true }, { code: "b", isDefault: false }])).toEqual([]);
  expect(defaultPolicyIssues([{ code: "a", isDefault: false }])[0]?.message).toBe("have no default; exactly one policy must be the default");
  expect(defaultPolicyIssues([{ code: "a", isDefault: true }, { code: "b", isDefault: true }])[0]?.message).toBe(
    "have 2 defaults (a, b); exactly one policy must be the default",
  );
});
