import type { LinePlan, ResolvedSpec } from "../resolved-spec";

/** One license that a unit of a line sells, with its limits already scaled for a single license. */
export interface UnitLicense {
  bundleMemberCode: string;
  bundleId: string | null;
  spec: ResolvedSpec;
  maxActivations: number;
  floatingUsers: number | null;
  maxLicenseUsers: number | null;
}

function isSingle(plan: LinePlan): boolean {
  return (plan.kind === "product" ? plan.spec : plan.bundleSpec).isSingleLicense;
}

/** One license per unit of quantity, or a single one when `is_single_license` is set. */
export function unitCount(plan: LinePlan, quantity: number): number {
  return isSingle(plan) ? Math.min(quantity, 1) : quantity;
}

/**
 * A single license stands for the whole quantity: it may be activated (or used by users) that many times
 * more, and with `floating_users_from_quantity` the quantity is its number of simultaneous users.
 */
function limits(spec: ResolvedSpec, quantity: number) {
  if (!spec.isSingleLicense) {
    return { maxActivations: spec.maxActivations, floatingUsers: spec.floatingUsers, maxLicenseUsers: spec.maxLicenseUsers };
  }
  if (spec.floatingUsersFromQuantity) {
    return {
      maxActivations: Math.max(spec.maxActivations, quantity),
      floatingUsers: quantity,
      maxLicenseUsers: spec.maxLicenseUsers,
    };
  }
  return {
    maxActivations: spec.maxActivations * quantity,
    floatingUsers: spec.floatingUsers,
    maxLicenseUsers: spec.authorizationMethod === "user" ? (spec.maxLicenseUsers ?? 1) * quantity : spec.maxLicenseUsers,
  };
}

/** The licenses of one unit: one for a product; for a bundle, the bundle's own and one per member. */
export function licensesOfUnit(plan: LinePlan, quantity: number): UnitLicense[] {
  if (plan.kind === "product") {
    return [{ bundleMemberCode: "", bundleId: null, spec: plan.spec, ...limits(plan.spec, quantity) }];
  }
  const single = isSingle(plan);
  return [
    { bundleMemberCode: "", bundleId: plan.bundleId, spec: plan.bundleSpec, ...limits(plan.bundleSpec, quantity) },
    ...plan.members.map((spec) => {
      const memberSpec = { ...spec, isSingleLicense: single };
      return { bundleMemberCode: spec.productCode, bundleId: plan.bundleId, spec: memberSpec, ...limits(memberSpec, quantity) };
    }),
  ];
}
