import type { LicenseState } from "./license-change";
import { planRefund, type RefundFacts } from "./refund";
import { spec } from "./test-fixtures";

function license(id: string, status: LicenseState["status"]): LicenseState {
  return {
    id,
    status,
    manuallyDisabled: false,
    disabledReason: status === "DISABLED" ? "something else" : null,
    subscriptionItemId: null,
    invoiceId: null,
    unitIndex: 0,
    bundleMemberCode: "",
    priceId: "price_1",
    spec: spec(),
    maxActivations: 1,
    floatingUsers: null,
    maxLicenseUsers: null,
    expiresAt: null,
    graceUntil: null,
    activationCount: 0,
  };
}

const licenses = [license("lic_a", "ACTIVE"), license("lic_b", "DISABLED"), license("lic_c", "ACTIVE")];

function facts(overrides: Partial<RefundFacts>): RefundFacts {
  return { chargeId: "ch_1", amount: 5000, amountRefunded: 0, currency: "usd", refunded: false, ...overrides };
}

describe("planRefund", () => {
  test.each([
    ["refunded flag", { refunded: true, amountRefunded: 5000 }],
    // Stripe sets `refunded` late or not on older API versions; the amounts alone also prove a full refund.
    ["whole amount refunded", { refunded: false, amountRefunded: 5000 }],
    ["more than the amount refunded", { refunded: false, amountRefunded: 6000 }],
  ])("a full refund (%s) disables only the active licenses", (_name, overrides) => {
    expect(planRefund(facts(overrides), licenses)).toEqual([
      { kind: "disable", licenseId: "lic_a", reason: "payment refunded", message: "Disabled: charge ch_1 was refunded in full" },
      { kind: "disable", licenseId: "lic_c", reason: "payment refunded", message: "Disabled: charge ch_1 was refunded in full" },
    ]);
  });

  test("a partial refund only notes it on every license, with the amounts formatted", () => {
    expect(planRefund(facts({ amount: 12345, amountRefunded: 2005, currency: "eur" }), licenses)).toEqual(
      ["lic_a", "lic_b", "lic_c"].map((licenseId) => ({
        kind: "note",
        licenseId,
        type: "PARTIAL_REFUND",
        message: "Partial refund on charge ch_1: 20.05 EUR of 123.45 EUR; license unchanged",
      })),
    );
  });

  test("no licenses, no changes", () => {
    expect(planRefund(facts({ refunded: true }), [])).toEqual([]);
    expect(planRefund(facts({ amountRefunded: 100 }), [])).toEqual([]);
  });
});

test("amounts of currencies without minor units are not divided by 100", () => {
  const [note] = planRefund({ chargeId: "ch_jpy", amount: 1000, amountRefunded: 500, currency: "jpy", refunded: false }, [license("lic_1", "ACTIVE")]);
  expect(note).toMatchObject({ kind: "note", message: "Partial refund on charge ch_jpy: 500 JPY of 1000 JPY; license unchanged" });
});
