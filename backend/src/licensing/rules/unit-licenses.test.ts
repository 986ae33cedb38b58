import { licensesOfUnit, unitCount } from "./unit-licenses";
import { bundlePlan, productPlan, spec } from "./test-fixtures";

describe("unitCount", () => {
  test.each([0, 1, 3, 50])("one unit per unit of quantity (%i)", (quantity) => {
    expect(unitCount(productPlan(), quantity)).toBe(quantity);
  });

  test.each([
    [0, 0],
    [1, 1],
    [7, 1],
  ])("is_single_license: quantity %i makes %i unit", (quantity, expected) => {
    expect(unitCount(productPlan(spec({ isSingleLicense: true })), quantity)).toBe(expected);
  });

  // For a bundle, the bundle's own spec decides; a member's flag must not turn it into one license.
  test("a bundle follows its own is_single_license, not its members'", () => {
    expect(unitCount(bundlePlan([spec({ isSingleLicense: true })], spec({ isSingleLicense: false })), 4)).toBe(4);
    expect(unitCount(bundlePlan([spec({ isSingleLicense: false })], spec({ isSingleLicense: true })), 4)).toBe(1);
  });
});

describe("licensesOfUnit for a product", () => {
  test("one license with the spec's own limits when not single", () => {
    const s = spec({ maxActivations: 3, floatingUsers: 2, maxLicenseUsers: 4 });
    expect(licensesOfUnit(productPlan(s), 5)).toEqual([
      { bundleMemberCode: "", bundleId: null, spec: s, maxActivations: 3, floatingUsers: 2, maxLicenseUsers: 4 },
    ]);
  });

  test("is_single_license multiplies activations by the quantity", () => {
    const s = spec({ isSingleLicense: true, maxActivations: 2, floatingUsers: 3, maxLicenseUsers: 4 });
    expect(licensesOfUnit(productPlan(s), 5)).toEqual([
      // Floating users and license users of a license-key product stay as they are.
      { bundleMemberCode: "", bundleId: null, spec: s, maxActivations: 10, floatingUsers: 3, maxLicenseUsers: 4 },
    ]);
  });

  test.each([
    [4, 12],
    // Without max_license_users a user-based license has one user, so the quantity is the user count.
    [null, 3],
  ])("is_single_license with user authorization: maxLicenseUsers %p × 3 = %i", (maxLicenseUsers, expected) => {
    const s = spec({ isSingleLicense: true, authorizationMethod: "user", maxActivations: 2, maxLicenseUsers });
    expect(licensesOfUnit(productPlan(s), 3)).toMatchObject([{ maxActivations: 6, maxLicenseUsers: expected }]);
  });

  test.each([
    // Quantity above max activations: every simultaneous user must be able to activate.
    [1, 5, 5],
    // Quantity below: the spec's activations are kept, not lowered.
    [10, 5, 10],
  ])("floating_users_from_quantity: maxActivations %i, quantity %i → %i activations", (maxActivations, quantity, expected) => {
    const s = spec({ isSingleLicense: true, floatingUsersFromQuantity: true, maxActivations, floatingUsers: 1, maxLicenseUsers: 2 });
    expect(licensesOfUnit(productPlan(s), quantity)).toEqual([
      { bundleMemberCode: "", bundleId: null, spec: s, maxActivations: expected, floatingUsers: quantity, maxLicenseUsers: 2 },
    ]);
  });

  test("floating_users_from_quantity means nothing without is_single_license", () => {
    const s = spec({ floatingUsersFromQuantity: true, maxActivations: 1, floatingUsers: 2 });
    expect(licensesOfUnit(productPlan(s), 5)).toMatchObject([{ maxActivations: 1, floatingUsers: 2 }]);
  });
});

describe("licensesOfUnit for a bundle", () => {
  const app = spec({ productCode: "APP", productId: "prod_app", maxActivations: 2 });
  const team = spec({ productCode: "TEAM", productId: "prod_team", authorizationMethod: "user", maxLicenseUsers: 3 });
  const own = spec({ productCode: "SUITE", productId: null, maxActivations: 1 });

  test("the bundle's own license first, then one per member, all with the bundle id", () => {
    const units = licensesOfUnit(bundlePlan([app, team], own), 2);
    expect(units.map((u) => [u.bundleMemberCode, u.bundleId, u.spec.productCode])).toEqual([
      ["", "bun_suite", "SUITE"],
      ["APP", "bun_suite", "APP"],
      ["TEAM", "bun_suite", "TEAM"],
    ]);
    expect(units.map((u) => [u.maxActivations, u.maxLicenseUsers])).toEqual([
      [1, null],
      [2, null],
      [1, 3],
    ]);
  });

  test("a single-license bundle scales every member's limits by the quantity", () => {
    const units = licensesOfUnit(bundlePlan([app, team], { ...own, isSingleLicense: true }), 4);
    expect(units.map((u) => [u.bundleMemberCode, u.maxActivations, u.maxLicenseUsers, u.spec.isSingleLicense])).toEqual([
      ["", 4, null, true],
      ["APP", 8, null, true],
      ["TEAM", 4, 12, true],
    ]);
  });

  test("a member flagged single inside a non-single bundle is one license per unit, unscaled", () => {
    const units = licensesOfUnit(bundlePlan([{ ...app, isSingleLicense: true }], own), 4);
    expect(units[1]).toMatchObject({ bundleMemberCode: "APP", maxActivations: 2, spec: { isSingleLicense: false } });
  });

  test("a bundle without members is just its own license", () => {
    expect(licensesOfUnit(bundlePlan([], own), 1)).toHaveLength(1);
  });
});
