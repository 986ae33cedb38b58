import { LicensingFailure } from "../failures";
import type { LinePlan } from "../resolved-spec";

/** Seed 004: one order may hold many units of one bundle, never two different bundles. */
export function assertOneBundlePerOrder(plans: LinePlan[]): void {
  const codes = [...new Set(plans.flatMap((p) => (p.kind === "bundle" ? [p.bundleCode] : [])))];
  if (codes.length > 1) {
    throw new LicensingFailure(
      "MULTIPLE_BUNDLES",
      `One order can hold only one product bundle; this one has ${codes.map((c) => `"${c}"`).join(" and ")}`,
    );
  }
}
