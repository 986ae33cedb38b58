import { LicensingFailure } from "../failures";
import { planOneOffPurchase, type OneOffPurchase, type PurchasedLine } from "./plan-one-off-purchase";
import { bundlePlan, failureOf, productPlan, spec } from "./test-fixtures";

const purchasedAt = new Date("2024-01-31T12:00:00.000Z");

function line(overrides: Partial<PurchasedLine> = {}): PurchasedLine {
  return { lineId: "li_1", priceId: "price_1", quantity: 1, plan: productPlan(), ...overrides };
}

function purchase(overrides: Partial<OneOffPurchase> = {}): OneOffPurchase {
  return { kind: "checkout", id: "cs_test_1", paymentIntentId: "pi_1", purchasedAt, lines: [line()], refunded: false, ...overrides };
}

describe("planOneOffPurchase", () => {
  test("a purchase refunded in full before its licenses were made makes them disabled", () => {
    const made = planOneOffPurchase(purchase({ refunded: true, lines: [line({ quantity: 2 })] }));
    expect(made.map((l) => [l.active, l.disabledReason, l.graceUntil])).toEqual([
      [false, "payment refunded", null],
      [false, "payment refunded", null],
    ]);
  });

  test("a checkout of one product makes one active license with all its fields", () => {
    const s = spec({ licenseType: "time-limited", validDuration: "1m", maintenanceDuration: "1y", maxActivations: 3 });
    expect(planOneOffPurchase(purchase({ lines: [line({ plan: productPlan(s) })] }))).toEqual([
      {
        sourceKey: "cs:cs_test_1:li_1:0:",
        unitIndex: 0,
        bundleMemberCode: "",
        bundleId: null,
        spec: s,
        maxActivations: 3,
        floatingUsers: null,
        maxLicenseUsers: null,
        // From the purchase time; Jan 31 + 1m clamps to Feb 29.
        expiresAt: new Date("2024-02-29T12:00:00.000Z"),
        maintenanceUntil: new Date("2025-01-31T12:00:00.000Z"),
        active: true,
        disabledReason: null,
        graceUntil: null,
        stripe: { checkoutSessionId: "cs_test_1", paymentIntentId: "pi_1", lineItemId: "li_1", priceId: "price_1" },
      },
    ]);
  });

  test("an invoice uses the in: prefix and the invoice id; no payment intent field when there is none", () => {
    const [license, ...rest] = planOneOffPurchase(purchase({ kind: "invoice", id: "in_9", paymentIntentId: null }));
    expect(rest).toEqual([]);
    expect(license?.sourceKey).toBe("in:in_9:li_1:0:");
    // toStrictEqual: a present-but-undefined paymentIntentId or checkoutSessionId would fail too.
    expect(license?.stripe).toStrictEqual({ invoiceId: "in_9", lineItemId: "li_1", priceId: "price_1" });
  });

  test("a perpetual license has no expiry", () => {
    expect(planOneOffPurchase(purchase())[0]).toMatchObject({ expiresAt: null, maintenanceUntil: null });
  });

  test("one license per unit, each line numbered from unit 0", () => {
    const licenses = planOneOffPurchase(
      purchase({ lines: [line({ lineId: "li_a", priceId: "price_a", quantity: 3 }), line({ lineId: "li_b", priceId: "price_b", quantity: 2 })] }),
    );
    expect(licenses.map((l) => [l.sourceKey, l.unitIndex, l.stripe.priceId])).toEqual([
      ["cs:cs_test_1:li_a:0:", 0, "price_a"],
      ["cs:cs_test_1:li_a:1:", 1, "price_a"],
      ["cs:cs_test_1:li_a:2:", 2, "price_a"],
      ["cs:cs_test_1:li_b:0:", 0, "price_b"],
      ["cs:cs_test_1:li_b:1:", 1, "price_b"],
    ]);
  });

  test("is_single_license: one license whose activations cover the quantity", () => {
    const licenses = planOneOffPurchase(purchase({ lines: [line({ quantity: 4, plan: productPlan(spec({ isSingleLicense: true, maxActivations: 2 })) })] }));
    expect(licenses.map((l) => [l.sourceKey, l.maxActivations])).toEqual([["cs:cs_test_1:li_1:0:", 8]]);
  });

  test("a bundle of K products makes 1 + K licenses per unit, keyed by member", () => {
    const licenses = planOneOffPurchase(purchase({ lines: [line({ quantity: 2, plan: bundlePlan() })] }));
    expect(licenses.map((l) => [l.sourceKey, l.unitIndex, l.bundleMemberCode, l.bundleId])).toEqual([
      ["cs:cs_test_1:li_1:0:", 0, "", "bun_suite"],
      ["cs:cs_test_1:li_1:0:APP", 0, "APP", "bun_suite"],
      ["cs:cs_test_1:li_1:0:TEAM", 0, "TEAM", "bun_suite"],
      ["cs:cs_test_1:li_1:1:", 1, "", "bun_suite"],
      ["cs:cs_test_1:li_1:1:APP", 1, "APP", "bun_suite"],
      ["cs:cs_test_1:li_1:1:TEAM", 1, "TEAM", "bun_suite"],
    ]);
  });

  test("every source key is distinct, so a replay cannot create a license twice under another key", () => {
    const licenses = planOneOffPurchase(
      purchase({ lines: [line({ lineId: "li_a", quantity: 3, plan: bundlePlan() }), line({ lineId: "li_b", quantity: 2 })] }),
    );
    expect(licenses).toHaveLength(3 * 3 + 2);
    expect(new Set(licenses.map((l) => l.sourceKey)).size).toBe(licenses.length);
  });

  test("quantity 0 makes nothing", () => {
    expect(planOneOffPurchase(purchase({ lines: [line({ quantity: 0 })] }))).toEqual([]);
  });

  test("two different bundles in one order fail before anything is planned", () => {
    const attempt = () =>
      planOneOffPurchase(
        purchase({
          lines: [line({ lineId: "li_a", plan: bundlePlan(undefined, undefined, "SUITE") }), line({ lineId: "li_b", plan: bundlePlan(undefined, undefined, "PRO") })],
        }),
      );
    expect(attempt).toThrow(LicensingFailure);
    expect(attempt).toThrow(/"SUITE" and "PRO"/);
  });
});

test("more licenses than one event may make fail the purchase, before any is planned", () => {
  const failure = failureOf(() => planOneOffPurchase(purchase({ lines: [line({ quantity: 20_000 })] })));
  expect(failure).toMatchObject({ code: "TOO_MANY_LICENSES" });
  expect(failure.message).toContain("would make 20000 licenses");
  expect(planOneOffPurchase(purchase({ lines: [line({ quantity: 10_000 })] }))).toHaveLength(10_000);
});
