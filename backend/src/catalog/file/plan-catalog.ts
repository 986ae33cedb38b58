import type { BundlePatch } from "../bundles";
import { sameValue } from "../patch";
import type { PolicyInput, PolicyPatch } from "../policies";
import type { ProductPatch } from "../products";
import type { CatalogSnapshot } from "../read-catalog";
import { POLICY_TERM_KEYS, type BundleShape, type PolicyShape, type PolicyTerms, type ProductShape } from "../rules/shapes";
import { bundleIssues } from "../rules/bundle-rules";
import { under, type Issue, type IssuePath } from "../rules/issue";
import { policyIssues } from "../rules/policy-rules";
import { productIssues } from "../rules/product-rules";
import { duplicateIssues } from "../rules/values";
import type { DesiredCatalog, DesiredPolicy, DesiredProduct } from "./desired-catalog";
import { fileKey, formatFilePath, toFilePath } from "./file-paths";

/** One changed field, named as in catalog.yaml. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type PlanStep =
  | { action: "create"; entity: "product"; code: string; input: ProductShape }
  | { action: "update"; entity: "product"; code: string; patch: ProductPatch; changes: FieldChange[] }
  | { action: "create"; entity: "policy"; product: string; code: string; input: PolicyInput }
  | { action: "update"; entity: "policy"; product: string; code: string; patch: PolicyPatch; changes: FieldChange[] }
  | { action: "create"; entity: "bundle"; code: string; input: BundleShape }
  | { action: "update"; entity: "bundle"; code: string; patch: BundlePatch; changes: FieldChange[] }
  /** In the file and in the catalog, the same. */
  | { action: "unchanged"; entity: "product" | "policy" | "bundle"; product?: string; code: string }
  /** In the catalog but not in the file: reported, never deleted. */
  | { action: "not-in-file"; entity: "product" | "policy" | "bundle"; product?: string; code: string };

/** Issue paths use the file's keys, e.g. products[1].policies[0].valid_duration. */
export type CatalogPlan = { ok: true; steps: PlanStep[] } | { ok: false; issues: Issue[] };

export const changesSomething = (steps: PlanStep[]) => steps.some((s) => s.action === "create" || s.action === "update");

const ruleIssues = (at: IssuePath, issues: Issue[]) => under(at, issues.map((i) => ({ ...i, path: toFilePath(i.path) })));

function diff<T extends object>(current: T, desired: T, keys: readonly (keyof T & string)[]) {
  const patch: Partial<T> = {};
  const changes: FieldChange[] = [];
  for (const key of keys) {
    if (sameValue(current[key], desired[key])) continue;
    patch[key] = desired[key];
    changes.push({ field: fileKey(key), from: current[key], to: desired[key] });
  }
  return { patch, changes };
}

const PRODUCT_KEYS = ["name", "authorizationMethod", "features", "customFields"] as const;
const policyShape = (p: DesiredPolicy): PolicyShape => ({ code: p.code, isDefault: p.makeDefault, ...p.terms });

/** Everything wrong with the file as a whole, given what the catalog already holds. */
function validate(desired: DesiredCatalog, current: CatalogSnapshot): Issue[] {
  const issues: Issue[] = [];
  const fileProducts = new Set(desired.products.map((p) => p.product.shortCode));
  const knownProducts = new Set([...fileProducts, ...current.products.map((p) => p.shortCode)]);
  const storedBundles = new Set(current.bundles.map((b) => b.code));

  issues.push(...duplicateIssues(desired.products, (p) => p.product.shortCode, (i) => ["products", i, "short_code"], "product short code"));
  for (const dp of desired.products) {
    issues.push(...ruleIssues(dp.at, productIssues(dp.product)));
    if (storedBundles.has(dp.product.shortCode)) {
      issues.push({ path: [...dp.at, "short_code"], message: `"${dp.product.shortCode}" is already a bundle code; products and bundles share one set of codes` });
    }
    issues.push(...duplicateIssues(dp.policies, (p) => p.code, (j) => [...dp.at, "policies", j, "code"], "policy code of a product"));
    for (const policy of dp.policies) issues.push(...ruleIssues(policy.at, policyIssues(policyShape(policy), dp.product)));
    const defaults = dp.policies.filter((p) => p.makeDefault);
    if (defaults.length > 1) {
      issues.push({ path: [...dp.at, "policies"], message: `mark ${defaults.length} policies default: true (${defaults.map((p) => p.code).join(", ")}); at most one can be the default` });
    }
    issues.push(...keptPolicyIssues(dp, current));
  }

  issues.push(...duplicateIssues(desired.bundles, (b) => b.bundle.code, (i) => ["bundles", i, "code"], "bundle code"));
  for (const fb of desired.bundles) {
    issues.push(...ruleIssues(fb.at, bundleIssues(fb.bundle)));
    if (knownProducts.has(fb.bundle.code)) {
      issues.push({ path: [...fb.at, "code"], message: `"${fb.bundle.code}" is already a product short code; products and bundles share one set of codes` });
    }
    fb.bundle.members.forEach((code, k) => {
      if (!knownProducts.has(code)) issues.push({ path: [...fb.at, "products", k], message: `"${code}" is not a product in this file or in the catalog` });
    });
  }
  return issues;
}

/** Policies the catalog has and the file leaves out stay as they are, so they must still fit the product. */
function keptPolicyIssues(dp: DesiredProduct, current: CatalogSnapshot): Issue[] {
  const stored = current.products.find((p) => p.shortCode === dp.product.shortCode);
  const listed = new Set(dp.policies.map((p) => p.code));
  return (stored?.policies ?? [])
    .filter((p) => !listed.has(p.code))
    .flatMap((p) =>
      policyIssues(p, dp.product).map((i) => ({
        path: dp.at,
        message: `policy "${p.code}" is not in this file and stays, but would no longer fit: ${formatFilePath(toFilePath(i.path))}: ${i.message}`,
      })),
    );
}

function productSteps(dp: DesiredProduct, current: CatalogSnapshot): PlanStep[] {
  const code = dp.product.shortCode;
  const stored = current.products.find((p) => p.shortCode === code);
  const steps: PlanStep[] = [];
  if (!stored) {
    steps.push({ action: "create", entity: "product", code, input: dp.product });
  } else {
    const { patch, changes } = diff<ProductShape>(stored, dp.product, PRODUCT_KEYS);
    steps.push(changes.length > 0 ? { action: "update", entity: "product", code, patch, changes } : { action: "unchanged", entity: "product", code });
  }
  // The new default first: a product's first policy becomes its default, and it should be this one.
  const policies = [...dp.policies].sort((a, b) => Number(b.makeDefault) - Number(a.makeDefault));
  for (const p of policies) {
    const storedPolicy = stored?.policies.find((s) => s.code === p.code);
    if (!storedPolicy) {
      steps.push({ action: "create", entity: "policy", product: code, code: p.code, input: { code: p.code, ...p.terms, ...(p.makeDefault ? { isDefault: true } : {}) } });
      continue;
    }
    const { patch, changes } = diff<PolicyTerms>(storedPolicy, p.terms, POLICY_TERM_KEYS);
    const policyPatch: PolicyPatch = patch;
    if (p.makeDefault && !storedPolicy.isDefault) {
      policyPatch.isDefault = true;
      changes.push({ field: "default", from: false, to: true });
    }
    steps.push(
      changes.length > 0
        ? { action: "update", entity: "policy", product: code, code: p.code, patch: policyPatch, changes }
        : { action: "unchanged", entity: "policy", product: code, code: p.code },
    );
  }
  const listed = new Set(dp.policies.map((p) => p.code));
  for (const s of stored?.policies ?? []) {
    if (!listed.has(s.code)) steps.push({ action: "not-in-file", entity: "policy", product: code, code: s.code });
  }
  return steps;
}

/**
 * What applying the file would do: create what is new, update what differs (field by field), leave the
 * rest. Entries the catalog has and the file does not are reported and kept.
 */
export function planCatalog(desired: DesiredCatalog, current: CatalogSnapshot): CatalogPlan {
  const issues = validate(desired, current);
  if (issues.length > 0) return { ok: false, issues };

  const steps: PlanStep[] = desired.products.flatMap((dp) => productSteps(dp, current));
  for (const { bundle } of desired.bundles) {
    const stored = current.bundles.find((b) => b.code === bundle.code);
    const wanted = { ...bundle, members: [...bundle.members].sort() };
    if (!stored) {
      steps.push({ action: "create", entity: "bundle", code: bundle.code, input: wanted });
      continue;
    }
    const { patch, changes } = diff<BundleShape>(stored, wanted, ["name", "members"]);
    steps.push(changes.length > 0 ? { action: "update", entity: "bundle", code: bundle.code, patch, changes } : { action: "unchanged", entity: "bundle", code: bundle.code });
  }

  const fileProducts = new Set(desired.products.map((p) => p.product.shortCode));
  const fileBundles = new Set(desired.bundles.map((b) => b.bundle.code));
  for (const p of current.products) if (!fileProducts.has(p.shortCode)) steps.push({ action: "not-in-file", entity: "product", code: p.shortCode });
  for (const b of current.bundles) if (!fileBundles.has(b.code)) steps.push({ action: "not-in-file", entity: "bundle", code: b.code });
  return { ok: true, steps };
}
