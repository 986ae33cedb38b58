import type { PolicyShape, ProductShape } from "./shapes";
import type { Issue } from "./issue";
import { codeIssues, duplicateIssues, durationIssues, fieldValueIssues, nameIssues, wholeNumberIssues } from "./values";

// The ranges of the price metadata parser (shared/src/metadata), so a policy never holds what a price could not.
const MAX_COUNT = 1_000_000;
const MAX_ADDED_DAYS = 3650;
// License.maxConsumptions is a 32-bit integer.
const MAX_CONSUMPTIONS = 2_147_483_647;

/** What makes a policy valid for its product. */
export function policyIssues(p: PolicyShape, product: ProductShape): Issue[] {
  const issues: Issue[] = [
    ...codeIssues(["code"], p.code),
    ...nameIssues(["name"], p.name),
    ...durationIssues(["validDuration"], p.validDuration),
    ...durationIssues(["maintenanceDuration"], p.maintenanceDuration),
    ...durationIssues(["unpaidActiveLicensePeriod"], p.unpaidActiveLicensePeriod),
    ...wholeNumberIssues(["maxActivations"], p.maxActivations, 1, MAX_COUNT),
    ...wholeNumberIssues(["floatingCloud"], p.floatingCloud, 1, MAX_COUNT),
    ...wholeNumberIssues(["maxLicenseUsers"], p.maxLicenseUsers, 1, MAX_COUNT),
    ...wholeNumberIssues(["addedDays"], p.addedDays, 0, MAX_ADDED_DAYS),
    ...wholeNumberIssues(["maxConsumptions"], p.maxConsumptions, 1, MAX_CONSUMPTIONS),
  ];

  // Spec resolution defaults max_activations to 1, so a floating policy without it could never be used.
  const activations = p.maxActivations ?? 1;
  if (p.floatingCloud !== null && p.floatingCloud > activations) {
    issues.push({
      path: ["floatingCloud"],
      message: `${p.floatingCloud} is above max activations ${p.maxActivations ?? "(not set: 1)"}; floating cloud users must be at most the max activations`,
    });
  }

  if (product.authorizationMethod !== "USER") {
    const userOnly = `applies only to products with user authorization; product "${product.shortCode}" uses license keys`;
    if (p.maxLicenseUsers !== null) issues.push({ path: ["maxLicenseUsers"], message: userOnly });
    if (p.assignCustomerAsUser === true) issues.push({ path: ["assignCustomerAsUser"], message: userOnly });
  }

  const features = new Set(product.features.map((f) => f.code));
  p.features.forEach((code, i) => {
    if (!features.has(code)) {
      issues.push({ path: ["features", i], message: `${JSON.stringify(code)} is not a feature of product "${product.shortCode}" (its features: ${[...features].join(", ") || "none"})` });
    }
  });
  issues.push(...duplicateIssues(p.features, (code) => code, (i) => ["features", i], "feature"));

  const fields = new Set(product.customFields.map((f) => f.name));
  for (const [name, value] of Object.entries(p.customFields)) {
    if (!fields.has(name)) {
      issues.push({
        path: ["customFields", name],
        message: `is not a custom field of product "${product.shortCode}" (its custom fields: ${[...fields].join(", ") || "none"})`,
      });
    }
    issues.push(...fieldValueIssues(["customFields", name], value));
  }
  return issues;
}

/** A product with policies has exactly one default: the one a price without license_policy uses. */
export function defaultPolicyIssues(policies: Pick<PolicyShape, "code" | "isDefault">[]): Issue[] {
  if (policies.length === 0) return [];
  const defaults = policies.filter((p) => p.isDefault).map((p) => p.code);
  if (defaults.length === 1) return [];
  return [
    {
      path: ["policies"],
      message: defaults.length === 0 ? "have no default; exactly one policy must be the default" : `have ${defaults.length} defaults (${defaults.join(", ")}); exactly one policy must be the default`,
    },
  ];
}
