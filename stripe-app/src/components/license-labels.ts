import type { LicenseSummary } from "@tessera/shared";

/** What the license is for: its product, a bundle member's product and bundle, or the bundle itself. */
export function productLabel(license: Pick<LicenseSummary, "product" | "productName" | "bundle" | "bundleMember">): string {
  const product = license.productName ?? license.product;
  if (license.bundle && license.bundleMember) return `${product ?? license.bundleMember} (bundle ${license.bundle})`;
  if (license.bundle) return `Bundle ${license.bundle}`;
  return product ?? "Unknown product";
}

export function activationsLabel(license: Pick<LicenseSummary, "activationsUsed" | "maxActivations">): string {
  return `${license.activationsUsed} / ${license.maxActivations}`;
}
