import type { CatalogSnapshot } from "../read-catalog";
import type { PolicyRecord, ProductWithPolicies } from "../records";
import type { DesiredCatalog, DesiredPolicy } from "./desired-catalog";
import { changesSomething, planCatalog, type PlanStep } from "./plan-catalog";
import { readCatalogFile } from "./read-catalog-file";

const at = new Date("2026-01-01T00:00:00Z");

function desired(yaml: string): DesiredCatalog {
  const result = readCatalogFile(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.catalog;
}

/** What the database would hold after applying `catalog` (every listed policy stored, first one default). */
function stored(catalog: DesiredCatalog): CatalogSnapshot {
  const policy = (product: string, p: DesiredPolicy, isDefault: boolean): PolicyRecord => ({
    id: `${product}/${p.code}`,
    product,
    code: p.code,
    isDefault,
    ...p.terms,
    createdAt: at,
    updatedAt: at,
  });
  return {
    products: catalog.products.map(
      (dp): ProductWithPolicies => ({
        ...dp.product,
        id: dp.product.shortCode,
        createdAt: at,
        updatedAt: at,
        policies: dp.policies.map((p, i) => policy(dp.product.shortCode, p, dp.policies.some((q) => q.makeDefault) ? p.makeDefault : i === 0)),
      }),
    ),
    bundles: catalog.bundles.map((b) => ({ ...b.bundle, members: [...b.bundle.members].sort(), id: b.bundle.code, createdAt: at, updatedAt: at })),
  };
}

const empty: CatalogSnapshot = { products: [], bundles: [] };

const FILE = `
products:
  - short_code: APP
    name: App
    features: [{ code: export, name: Export }, { code: sync, name: Sync }]
    policies:
      - { code: trial, name: Trial, license_type: time-limited, valid_duration: 30d }
      - { code: std, name: Standard, default: true, max_activations: 3, features: [export] }
  - short_code: TOOL
    name: Tool
bundles:
  - { code: SUITE, name: Suite, products: [TOOL, APP] }
`;

const summary = (steps: PlanStep[]) => steps.map((s) => `${s.action} ${s.entity} ${"product" in s && s.product ? `${s.product}/` : ""}${s.code}`);

test("against an empty catalog everything is created, the default policy before the others", () => {
  const plan = planCatalog(desired(FILE), empty);
  if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
  expect(summary(plan.steps)).toEqual([
    "create product APP",
    "create policy APP/std",
    "create policy APP/trial",
    "create product TOOL",
    "create bundle SUITE",
  ]);
  expect(plan.steps[1]).toMatchObject({ input: { code: "std", isDefault: true, maxActivations: 3, features: ["export"] } });
  expect(plan.steps[2]).toMatchObject({ input: { code: "trial", licenseType: "time-limited" } });
  expect(plan.steps[2]).not.toHaveProperty("input.isDefault");
  expect(plan.steps[4]).toMatchObject({ input: { members: ["APP", "TOOL"] } });
});

test("against the catalog it produced, the same file changes nothing", () => {
  const file = desired(FILE);
  const plan = planCatalog(file, stored(file));
  if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
  expect(plan.steps.every((s) => s.action === "unchanged")).toBe(true);
  expect(changesSomething(plan.steps)).toBe(false);
});

test("an edit becomes an update of exactly the changed fields; a key left out is cleared; default: true switches the default", () => {
  const before = stored(desired(FILE));
  const edited = desired(`
products:
  - short_code: APP
    name: App 2
    features: [{ code: export, name: Export }, { code: sync, name: Sync }]
    policies:
      - { code: trial, name: Trial, license_type: time-limited, valid_duration: 14d, default: true }
      - { code: std, name: Standard, features: [export] }
  - { short_code: TOOL, name: Tool }
bundles:
  - { code: SUITE, name: Suite, products: [APP] }
`);
  const plan = planCatalog(edited, before);
  if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
  expect(plan.steps.filter((s) => s.action === "update")).toEqual([
    { action: "update", entity: "product", code: "APP", patch: { name: "App 2" }, changes: [{ field: "name", from: "App", to: "App 2" }] },
    {
      action: "update",
      entity: "policy",
      product: "APP",
      code: "trial",
      patch: { validDuration: "14d", isDefault: true },
      changes: [
        { field: "valid_duration", from: "30d", to: "14d" },
        { field: "default", from: false, to: true },
      ],
    },
    {
      action: "update",
      entity: "policy",
      product: "APP",
      code: "std",
      patch: { maxActivations: null },
      changes: [{ field: "max_activations", from: 3, to: null }],
    },
    { action: "update", entity: "bundle", code: "SUITE", patch: { members: ["APP"] }, changes: [{ field: "products", from: ["APP", "TOOL"], to: ["APP"] }] },
  ]);
});

test("entries the catalog has and the file does not are reported, never deleted", () => {
  const plan = planCatalog(desired("products:\n  - { short_code: TOOL, name: Tool }\n"), stored(desired(FILE)));
  if (!plan.ok) throw new Error(JSON.stringify(plan.issues));
  expect(summary(plan.steps)).toEqual(["unchanged product TOOL", "not-in-file product APP", "not-in-file bundle SUITE"]);
});

test("value problems are named by their path in the file, in the file's key names", () => {
  const plan = planCatalog(
    desired(`
products:
  - short_code: APP
    name: App
    policies:
      - { code: a, name: A, valid_duration: 3x, default: true }
      - { code: b, name: B, floating_cloud: 2, max_license_users: 2, default: true }
      - { code: a, name: A again }
bundles:
  - { code: APP, name: Clash, products: [APP, NOPE] }
`),
    empty,
  );
  expect(plan.ok).toBe(false);
  if (plan.ok) return;
  expect(plan.issues).toEqual([
    { path: ["products", 0, "policies", 2, "code"], message: '"a" appears more than once; each policy code of a product must be unique' },
    { path: ["products", 0, "policies", 0, "valid_duration"], message: '"3x" is not a duration; expected N followed by d, w, m or y, e.g. 30d or 1y' },
    { path: ["products", 0, "policies", 1, "floating_cloud"], message: "2 is above max activations (not set: 1); floating cloud users must be at most the max activations" },
    { path: ["products", 0, "policies", 1, "max_license_users"], message: 'applies only to products with user authorization; product "APP" uses license keys' },
    { path: ["products", 0, "policies"], message: "mark 2 policies default: true (a, b); at most one can be the default" },
    { path: ["bundles", 0, "code"], message: '"APP" is already a product short code; products and bundles share one set of codes' },
    { path: ["bundles", 0, "products", 1], message: '"NOPE" is not a product in this file or in the catalog' },
  ]);
});

test("a bundle may name products the file leaves out but the catalog has; a product may not take a stored bundle's code", () => {
  const catalog = stored(desired(FILE));
  const plan = planCatalog(desired("products:\n  - { short_code: SUITE, name: S }\nbundles:\n  - { code: PACK, name: Pack, products: [TOOL] }\n"), catalog);
  expect(plan).toEqual({
    ok: false,
    issues: [{ path: ["products", 0, "short_code"], message: '"SUITE" is already a bundle code; products and bundles share one set of codes' }],
  });
});

test("dropping a feature that a policy the file leaves out still uses is refused, naming that policy", () => {
  const plan = planCatalog(desired("products:\n  - short_code: APP\n    name: App\n"), stored(desired(FILE)));
  expect(plan).toEqual({
    ok: false,
    issues: [
      {
        path: ["products", 0],
        message: 'policy "std" is not in this file and stays, but would no longer fit: features[0]: "export" is not a feature of product "APP" (its features: none)',
      },
    ],
  });
});
