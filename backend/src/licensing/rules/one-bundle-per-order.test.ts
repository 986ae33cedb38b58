import { assertOneBundlePerOrder } from "./one-bundle-per-order";
import { bundlePlan, productPlan, failureOf } from "./test-fixtures";


describe("assertOneBundlePerOrder", () => {
  test.each([
    ["no lines", []],
    ["products only", [productPlan(), productPlan()]],
    ["one bundle", [bundlePlan()]],
    // Many units of one bundle, even over several lines, are still one bundle.
    ["the same bundle twice", [bundlePlan(), bundlePlan()]],
    ["one bundle with products", [productPlan(), bundlePlan(), productPlan()]],
  ])("accepts %s", (_name, plans) => {
    expect(() => assertOneBundlePerOrder(plans)).not.toThrow();
  });

  test("two different bundles fail with MULTIPLE_BUNDLES, naming both", () => {
    const failure = failureOf(() =>
      assertOneBundlePerOrder([bundlePlan(undefined, undefined, "SUITE"), productPlan(), bundlePlan(undefined, undefined, "PRO")]),
    );
    expect(failure.code).toBe("MULTIPLE_BUNDLES");
    expect(failure.message).toBe('One order can hold only one product bundle; this one has "SUITE" and "PRO"');
  });

  test("a repeated bundle is named once", () => {
    const failure = failureOf(() =>
      assertOneBundlePerOrder([bundlePlan(undefined, undefined, "SUITE"), bundlePlan(undefined, undefined, "PRO"), bundlePlan(undefined, undefined, "SUITE")]),
    );
    expect(failure.message).toBe('One order can hold only one product bundle; this one has "SUITE" and "PRO"');
  });
});
