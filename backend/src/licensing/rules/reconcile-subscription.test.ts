import fc from "fast-check";
import { LicensingFailure } from "../failures";
import type { LinePlan, ResolvedSpec } from "../resolved-spec";
import type { LicenseChange, LicenseState } from "./license-change";
import { reconcileSubscription, type ReconcileInput, type SubscriptionView } from "./reconcile-subscription";
import { DAY_MS, bundlePlan, productPlan, subscriptionSpec, failureOf } from "./test-fixtures";

const now = new Date("2024-06-15T12:00:00.000Z");
const paidThrough = new Date("2024-07-01T00:00:00.000Z");
const monthly = subscriptionSpec({ maxActivations: 2 });

type Item = SubscriptionView["items"][number];

function item(overrides: Partial<Item> = {}): Item {
  const quantity = overrides.quantity ?? 1;
  return { itemId: "si_1", priceId: "price_1", quantity, peakQuantity: quantity, ...overrides };
}

function view(overrides: Partial<SubscriptionView> = {}): SubscriptionView {
  return {
    subscriptionId: "sub_1",
    status: "active",
    deleted: false,
    items: [item()],
    paidThrough,
    paid: true,
    firstInvoiceId: "in_first",
    unpaidSince: null,
    refunded: false,
    ...overrides,
  };
}

/** A stored license of unit `unitIndex` already in line with `view()` and `monthly`, unless overridden. */
function license(unitIndex: number, overrides: Partial<LicenseState> = {}): LicenseState {
  const bundleMemberCode = overrides.bundleMemberCode ?? "";
  return {
    id: `lic_${unitIndex}${bundleMemberCode ? `_${bundleMemberCode}` : ""}`,
    status: "ACTIVE",
    manuallyDisabled: false,
    disabledReason: null,
    subscriptionItemId: "si_1",
    invoiceId: "in_first",
    unitIndex,
    bundleMemberCode,
    priceId: "price_1",
    spec: monthly,
    maxActivations: 2,
    floatingUsers: null,
    maxLicenseUsers: null,
    expiresAt: paidThrough,
    graceUntil: null,
    activationCount: 0,
    ...overrides,
  };
}

function reconcile(input: Partial<ReconcileInput> & { plans?: Map<string, LinePlan> }): LicenseChange[] {
  return reconcileSubscription({
    view: view(),
    previous: null,
    licenses: [],
    plans: new Map([["price_1", productPlan(monthly)]]),
    now,
    renewed: false,
    ...input,
  });
}

const creates = (changes: LicenseChange[]) => changes.flatMap((c) => (c.kind === "create" ? [c.license] : []));
const ofKind = <K extends LicenseChange["kind"]>(changes: LicenseChange[], kind: K) =>
  changes.filter((c): c is Extract<LicenseChange, { kind: K }> => c.kind === kind);
/** `[kind, licenseId]` of every change but creates, in order: the shape most tests care about. */
const summary = (changes: LicenseChange[]) =>
  changes.map((c) => (c.kind === "create" ? ["create", c.license.sourceKey] : [c.kind, c.licenseId]));


describe("creating licenses", () => {
  test("nothing is created before a paid invoice", () => {
    expect(reconcile({ view: view({ paid: false, items: [item({ quantity: 3 })] }) })).toEqual([]);
  });

  test("a paid subscription creates one license per unit with its business key and Stripe ids", () => {
    const changes = reconcile({ view: view({ items: [item({ quantity: 2 })] }) });
    expect(changes).toEqual(
      [0, 1].map((unitIndex) => ({
        kind: "create",
        message: `Created for subscription sub_1, unit ${unitIndex + 1}`,
        license: {
          sourceKey: `sub:sub_1:si_1:${unitIndex}:`,
          unitIndex,
          bundleMemberCode: "",
          bundleId: null,
          spec: monthly,
          maxActivations: 2,
          floatingUsers: null,
          maxLicenseUsers: null,
          expiresAt: paidThrough,
          maintenanceUntil: null,
          active: true,
          disabledReason: null,
          graceUntil: null,
          stripe: { subscriptionId: "sub_1", subscriptionItemId: "si_1", invoiceId: "in_first", priceId: "price_1" },
        },
      })),
    );
  });

  test("without a known first invoice the Stripe ids carry no invoice", () => {
    const [created] = creates(reconcile({ view: view({ firstInvoiceId: null }) }));
    expect(created?.stripe).toStrictEqual({ subscriptionId: "sub_1", subscriptionItemId: "si_1", priceId: "price_1" });
  });

  test("expiry is the paid period end plus added days; maintenance runs from now", () => {
    const s = subscriptionSpec({ addedDays: 2, maintenanceDuration: "1y" });
    const [created] = creates(reconcile({ plans: new Map([["price_1", productPlan(s)]]) }));
    expect(created?.expiresAt).toEqual(new Date(paidThrough.getTime() + 2 * DAY_MS));
    expect(created?.maintenanceUntil).toEqual(new Date("2025-06-15T12:00:00.000Z"));
  });

  test("a paid invoice seen before any subscription event (status null) creates active licenses", () => {
    expect(creates(reconcile({ view: view({ status: null }) })).map((l) => l.active)).toEqual([true]);
  });

  test("a bundle creates the bundle license and one per member for each unit", () => {
    const plan = bundlePlan([subscriptionSpec({ productCode: "APP" }), subscriptionSpec({ productCode: "TEAM" })], subscriptionSpec({ productCode: "SUITE" }));
    const created = creates(reconcile({ view: view({ items: [item({ quantity: 2 })] }), plans: new Map([["price_1", plan]]) }));
    expect(created.map((l) => [l.sourceKey, l.bundleId])).toEqual([
      ["sub:sub_1:si_1:0:", "bun_suite"],
      ["sub:sub_1:si_1:0:APP", "bun_suite"],
      ["sub:sub_1:si_1:0:TEAM", "bun_suite"],
      ["sub:sub_1:si_1:1:", "bun_suite"],
      ["sub:sub_1:si_1:1:APP", "bun_suite"],
      ["sub:sub_1:si_1:1:TEAM", "bun_suite"],
    ]);
  });

  test("a single license is one license whose limits follow the quantity", () => {
    const s = subscriptionSpec({ isSingleLicense: true, maxActivations: 2 });
    const created = creates(reconcile({ view: view({ items: [item({ quantity: 5 })] }), plans: new Map([["price_1", productPlan(s)]]) }));
    expect(created.map((l) => [l.sourceKey, l.maxActivations])).toEqual([["sub:sub_1:si_1:0:", 10]]);
  });

  test("units beyond today's quantity but within the peak are created disabled", () => {
    const created = creates(reconcile({ view: view({ items: [item({ quantity: 2, peakQuantity: 4 })] }) }));
    expect(created.map((l) => [l.unitIndex, l.active, l.disabledReason])).toEqual([
      [0, true, null],
      [1, true, null],
      [2, false, "quantity reduced"],
      [3, false, "quantity reduced"],
    ]);
  });

  test("only missing units are created, numbered after the highest existing one", () => {
    const changes = reconcile({ view: view({ items: [item({ quantity: 3 })] }), licenses: [license(0)] });
    expect(summary(changes)).toEqual([
      ["create", "sub:sub_1:si_1:1:"],
      ["create", "sub:sub_1:si_1:2:"],
    ]);
  });

  test("licenses already in line with the view give no changes", () => {
    expect(reconcile({ view: view({ items: [item({ quantity: 2 })] }), licenses: [license(0), license(1)] })).toEqual([]);
  });
});

describe("quantity changes", () => {
  test("a drop disables the surplus with reason 'quantity reduced'", () => {
    const changes = reconcile({ view: view({ items: [item({ quantity: 1, peakQuantity: 3 })] }), licenses: [license(0), license(1), license(2)] });
    expect(changes).toEqual([
      { kind: "disable", licenseId: "lic_1", reason: "quantity reduced", message: "Disabled: quantity reduced" },
      { kind: "disable", licenseId: "lic_2", reason: "quantity reduced", message: "Disabled: quantity reduced" },
    ]);
  });

  test("the surplus is the units with the fewest activations first, then the highest unit index", () => {
    const licenses = [
      license(0, { activationCount: 0 }),
      license(1, { activationCount: 3 }),
      license(2, { activationCount: 0 }),
      license(3, { activationCount: 1 }),
      license(4, { activationCount: 0 }),
    ];
    const changes = reconcile({ view: view({ items: [item({ quantity: 3, peakQuantity: 5 })] }), licenses });
    // Kept: unit 1 (3), unit 3 (1), unit 0 (0, lowest index among the unused).
    expect(ofKind(changes, "disable").map((c) => c.licenseId).sort()).toEqual(["lic_2", "lic_4"]);
  });

  test("a bundle unit's activations are the sum over its licenses", () => {
    const plan = bundlePlan([subscriptionSpec({ productCode: "APP" })], subscriptionSpec({ productCode: "SUITE" }));
    const unit = (i: number, own: number, app: number) => [
      license(i, { spec: subscriptionSpec({ productCode: "SUITE", productId: null }), maxActivations: 1, activationCount: own }),
      license(i, { bundleMemberCode: "APP", spec: subscriptionSpec({ productCode: "APP" }), maxActivations: 1, activationCount: app }),
    ];
    // Unit 0 has 2 on its own license; unit 1 has 1 + 2 = 3 over both: unit 1 is used most.
    const licenses = [...unit(0, 2, 0), ...unit(1, 1, 2)];
    const changes = reconcile({ view: view({ items: [item({ quantity: 1, peakQuantity: 2 })] }), licenses, plans: new Map([["price_1", plan]]) });
    expect(summary(changes)).toEqual([
      ["disable", "lic_0"],
      ["disable", "lic_0_APP"],
    ]);
  });

  test("a rise re-enables disabled units before creating new ones", () => {
    const licenses = [license(0), license(1, { status: "DISABLED", disabledReason: "quantity reduced" })];
    const changes = reconcile({ view: view({ items: [item({ quantity: 3, peakQuantity: 3 })] }), licenses });
    expect(summary(changes)).toEqual([
      ["enable", "lic_1"],
      ["create", "sub:sub_1:si_1:2:"],
    ]);
    expect(creates(changes)[0]?.active).toBe(true);
  });

  test("a rise within the peak only re-enables, the most activated unit first", () => {
    const licenses = [
      license(0),
      license(1, { status: "DISABLED", disabledReason: "quantity reduced", activationCount: 0 }),
      license(2, { status: "DISABLED", disabledReason: "quantity reduced", activationCount: 1 }),
    ];
    const changes = reconcile({ view: view({ items: [item({ quantity: 2, peakQuantity: 3 })] }), licenses });
    expect(summary(changes)).toEqual([["enable", "lic_2"]]);
  });

  test("a single license's limits follow the quantity with a respec", () => {
    const s = subscriptionSpec({ isSingleLicense: true, maxActivations: 2, floatingUsersFromQuantity: true, floatingUsers: 1 });
    const changes = reconcile({
      view: view({ items: [item({ quantity: 5 })] }),
      licenses: [license(0, { spec: s, maxActivations: 3, floatingUsers: 3 })],
      plans: new Map([["price_1", productPlan(s)]]),
    });
    expect(changes).toEqual([
      {
        kind: "respec",
        licenseId: "lic_0",
        spec: s,
        priceId: "price_1",
        maxActivations: 5,
        floatingUsers: 5,
        maxLicenseUsers: null,
        expiresAt: paidThrough,
        message: "Limits follow quantity: 5 activations, 5 simultaneous users",
      },
    ]);
  });
});

describe("subscription status", () => {
  const disabledByRule = (unitIndex: number) => license(unitIndex, { status: "DISABLED", disabledReason: "subscription unpaid" });

  test.each(["active", "trialing", "past_due"])("%s keeps active licenses and re-enables ones disabled by a rule", (status) => {
    const changes = reconcile({ view: view({ status, items: [item({ quantity: 2 })] }), licenses: [license(0), disabledByRule(1)] });
    expect(changes).toEqual([{ kind: "enable", licenseId: "lic_1", message: "Enabled: subscription is live" }]);
  });

  test.each([
    ["unpaid", "subscription unpaid"],
    ["paused", "subscription paused"],
    ["incomplete", "subscription incomplete"],
    ["canceled", "subscription canceled"],
    ["incomplete_expired", "subscription incomplete_expired"],
  ])("%s disables active licenses (reason %p) and leaves disabled ones", (status, reason) => {
    const changes = reconcile({ view: view({ status, items: [item({ quantity: 2 })] }), licenses: [license(0), disabledByRule(1)] });
    expect(changes).toEqual([{ kind: "disable", licenseId: "lic_0", reason, message: `Disabled: ${reason}` }]);
  });

  test("a deleted subscription disables all with 'subscription canceled', whatever its last status", () => {
    const changes = reconcile({ view: view({ status: "active", deleted: true, items: [item({ quantity: 2 })] }), licenses: [license(0), license(1)] });
    expect(changes.map((c) => (c.kind === "disable" ? [c.licenseId, c.reason] : c.kind))).toEqual([
      ["lic_0", "subscription canceled"],
      ["lic_1", "subscription canceled"],
    ]);
  });

  test("licenses created under a disabling status are created disabled", () => {
    const created = creates(reconcile({ view: view({ status: "unpaid", unpaidSince: now }) }));
    expect(created.map((l) => [l.active, l.disabledReason, l.graceUntil])).toEqual([[false, "subscription unpaid", null]]);
  });

  test("a refunded first invoice disables every license, and a live status never re-enables them", () => {
    const changes = reconcile({ view: view({ refunded: true, items: [item({ quantity: 2 })] }), licenses: [license(0), disabledByRule(1)] });
    expect(changes).toEqual([{ kind: "disable", licenseId: "lic_0", reason: "payment refunded", message: "Disabled: payment refunded" }]);
    const refundedFirst = license(0, { status: "DISABLED", disabledReason: "payment refunded" });
    expect(reconcile({ view: view({ refunded: true, status: "active" }), licenses: [refundedFirst] })).toEqual([]);
    expect(creates(reconcile({ view: view({ refunded: true }) })).map((l) => [l.active, l.disabledReason])).toEqual([[false, "payment refunded"]]);
  });

  describe("unpaid grace (unpaid_active_license_period)", () => {
    const withGrace = subscriptionSpec({ maxActivations: 2, unpaidActiveLicensePeriod: "7d" });
    const plans = new Map([["price_1", productPlan(withGrace)]]);
    const unpaidSince = new Date("2024-06-10T12:00:00.000Z");
    // While Stripe retries the payment, the grace runs from the end of the paid period (paidThrough 2024-07-01).
    const graceUntil = new Date("2024-07-08T00:00:00.000Z");

    test.each(["past_due", "unpaid"])("%s keeps licenses active until the paid period's end plus the grace, recording it", (status) => {
      const changes = reconcile({ view: view({ status, unpaidSince }), licenses: [license(0, { spec: withGrace })], plans });
      expect(changes).toEqual([
        { kind: "grace", licenseId: "lic_0", graceUntil, message: "Unpaid: stays active until 2024-07-08T00:00:00.000Z" },
      ]);
    });

    test("added days extend the paid validity the grace runs from", () => {
      const spec = subscriptionSpec({ maxActivations: 2, unpaidActiveLicensePeriod: "7d", addedDays: 3 });
      const changes = reconcile({
        view: view({ status: "past_due", unpaidSince }),
        licenses: [license(0, { spec, expiresAt: new Date(paidThrough.getTime() + 3 * DAY_MS) })],
        plans: new Map([["price_1", productPlan(spec)]]),
      });
      expect(changes).toEqual([
        { kind: "grace", licenseId: "lic_0", graceUntil: new Date("2024-07-11T00:00:00.000Z"), message: "Unpaid: stays active until 2024-07-11T00:00:00.000Z" },
      ]);
    });

    test("paused (not a payment Stripe retries) gets the grace from when payment stopped", () => {
      const changes = reconcile({ view: view({ status: "paused", unpaidSince }), licenses: [license(0, { spec: withGrace })], plans });
      expect(changes).toEqual([
        { kind: "grace", licenseId: "lic_0", graceUntil: new Date("2024-06-17T12:00:00.000Z"), message: "Unpaid: stays active until 2024-06-17T12:00:00.000Z" },
      ]);
    });

    test("a license already in its grace gets no change", () => {
      const licenses = [license(0, { spec: withGrace, graceUntil })];
      expect(reconcile({ view: view({ status: "unpaid", unpaidSince }), licenses, plans })).toEqual([]);
    });

    test("a license created during the grace carries it", () => {
      const [created] = creates(reconcile({ view: view({ status: "unpaid", unpaidSince }), plans }));
      expect([created?.active, created?.graceUntil]).toEqual([true, graceUntil]);
    });

    test.each([
      ["at", graceUntil],
      ["after", new Date(graceUntil.getTime() + 1)],
    ])("disables %s the end of the grace", (_when, at) => {
      const changes = reconcile({ view: view({ status: "past_due", unpaidSince }), licenses: [license(0, { spec: withGrace, graceUntil })], plans, now: at });
      const reason = "subscription past_due; unpaid grace ended 2024-07-08T00:00:00.000Z";
      expect(changes).toEqual([{ kind: "disable", licenseId: "lic_0", reason, message: `Disabled: ${reason}` }]);
    });

    test("one millisecond before the end it is still active", () => {
      const at = new Date(graceUntil.getTime() - 1);
      const licenses = [license(0, { spec: withGrace, graceUntil })];
      expect(reconcile({ view: view({ status: "unpaid", unpaidSince }), licenses, plans, now: at })).toEqual([]);
    });

    test.each(["canceled", "incomplete_expired"])("%s ends it at once: no grace for a final status", (status) => {
      const changes = reconcile({ view: view({ status, unpaidSince }), licenses: [license(0, { spec: withGrace })], plans });
      expect(changes).toEqual([{ kind: "disable", licenseId: "lic_0", reason: `subscription ${status}`, message: `Disabled: subscription ${status}` }]);
    });

    test("without a period, unpaid disables at once and past_due keeps working", () => {
      expect(summary(reconcile({ view: view({ status: "unpaid", unpaidSince }), licenses: [license(0)] }))).toEqual([["disable", "lic_0"]]);
      expect(reconcile({ view: view({ status: "past_due", unpaidSince }), licenses: [license(0)] })).toEqual([]);
    });

    test("paid again: the grace is cleared", () => {
      const changes = reconcile({ view: view({ status: "active" }), licenses: [license(0, { spec: withGrace, graceUntil })], plans });
      expect(changes).toEqual([{ kind: "grace", licenseId: "lic_0", graceUntil: null, message: "Paid again: grace cleared" }]);
    });
  });
});

describe("the invoice that sold a subscription's licenses", () => {
  test("an earlier paid invoice delivered late becomes the one they name", () => {
    const changes = reconcile({ view: view({ firstInvoiceId: "in_earlier" }), licenses: [license(0)] });
    expect(changes).toEqual([
      { kind: "relink", licenseId: "lic_0", invoiceId: "in_earlier", message: "Sold by invoice in_earlier, the subscription's first paid invoice" },
    ]);
  });
});

describe("manual disables", () => {
  const manual = (unitIndex: number) => license(unitIndex, { status: "DISABLED", manuallyDisabled: true, disabledReason: "disabled by hand" });
  const skipped = {
    kind: "note",
    licenseId: "lic_0",
    type: "AUTO_ENABLE_SKIPPED",
    message: "Subscription is live again, but the license stays disabled: it was disabled by hand",
  };

  test("are never enabled; without a previous view the skip is recorded", () => {
    expect(reconcile({ licenses: [manual(0)] })).toEqual([skipped]);
  });

  test("no note when the previous view already wanted the license active: nothing changed for it", () => {
    expect(reconcile({ previous: view(), licenses: [manual(0)] })).toEqual([]);
  });

  test("a note when the subscription became live again", () => {
    expect(reconcile({ previous: view({ status: "unpaid", unpaidSince: now }), licenses: [manual(0)] })).toEqual([skipped]);
  });

  test("a note when a quantity rise would have re-enabled the unit", () => {
    const licenses = [license(1, { activationCount: 1 }), manual(0)];
    const changes = reconcile({
      previous: view({ items: [item({ quantity: 1, peakQuantity: 2 })] }),
      view: view({ items: [item({ quantity: 2, peakQuantity: 2 })] }),
      licenses,
    });
    expect(changes).toEqual([skipped]);
  });

  test("a quantity drop takes the unit disabled by hand first, so as many licenses as paid for still work", () => {
    const licenses = [license(0), manual(1), license(2)];
    const changes = reconcile({ view: view({ items: [item({ quantity: 2, peakQuantity: 3 })] }), licenses });
    expect(changes).toEqual([]);
  });

  test("a quantity drop below the working units disables the least used of them, never touching the hand-disabled one", () => {
    const licenses = [license(0, { activationCount: 1 }), manual(1), license(2)];
    const changes = reconcile({ view: view({ items: [item({ quantity: 1, peakQuantity: 3 })] }), licenses });
    expect(summary(changes)).toEqual([["disable", "lic_2"]]);
  });

  test("a manual disable under a disabling status is left alone without a note", () => {
    expect(reconcile({ view: view({ status: "unpaid", unpaidSince: now }), licenses: [manual(0)] })).toEqual([]);
  });
});

describe("items and prices", () => {
  test("licenses of an item no longer on the subscription are disabled", () => {
    const licenses = [
      license(0),
      license(0, { id: "lic_gone_a", subscriptionItemId: "si_gone" }),
      license(1, { id: "lic_gone_b", subscriptionItemId: "si_gone", status: "DISABLED", disabledReason: "quantity reduced" }),
    ];
    expect(reconcile({ licenses })).toEqual([
      { kind: "disable", licenseId: "lic_gone_a", reason: "item removed from subscription", message: "Disabled: its item was removed from the subscription" },
    ]);
  });

  test("a price change moves licenses to the new price and spec", () => {
    const yearly = subscriptionSpec({ maxActivations: 4, billing: { interval: "year", intervalCount: 1 }, addedDays: 1 });
    const changes = reconcile({
      view: view({ items: [item({ priceId: "price_2", quantity: 1 })] }),
      licenses: [license(0)],
      plans: new Map([["price_2", productPlan(yearly)]]),
    });
    expect(changes).toEqual([
      {
        kind: "respec",
        licenseId: "lic_0",
        spec: yearly,
        priceId: "price_2",
        maxActivations: 4,
        floatingUsers: null,
        maxLicenseUsers: null,
        expiresAt: new Date(paidThrough.getTime() + DAY_MS),
        message: "Moved from price price_1 to price_2",
      },
    ]);
  });

  test("a new paid period extends the expiry", () => {
    const next = new Date("2024-08-01T00:00:00.000Z");
    expect(reconcile({ view: view({ paidThrough: next }), licenses: [license(0)] })).toEqual([
      { kind: "extend", licenseId: "lic_0", expiresAt: next, message: "Valid until 2024-08-01T00:00:00.000Z" },
    ]);
  });

  test.each([
    ["consumption", true, [["resetConsumption", "lic_0"]]],
    ["consumption", false, []],
    ["subscription", true, []],
  ] as const)("a %s license, renewed %p: %j", (licenseType, renewed, expected) => {
    const s = subscriptionSpec({ licenseType, maxActivations: 2 });
    const changes = reconcile({ renewed, licenses: [license(0, { spec: s })], plans: new Map([["price_1", productPlan(s)]]) });
    expect(summary(changes)).toEqual(expected);
  });

  // Design: "moving between a product and a bundle, or between bundles, is not supported". The product's
  // license must not silently become the bundle's own license while the member licenses are never made.
  test("a product license moved to a bundle price fails with UNSUPPORTED_CHANGE", () => {
    const failure = failureOf(() =>
      reconcile({ view: view({ items: [item({ priceId: "price_b" })] }), licenses: [license(0)], plans: new Map([["price_b", bundlePlan()]]) }),
    );
    expect(failure.code).toBe("UNSUPPORTED_CHANGE");
    expect(failure.message).toMatch(/^Subscription item si_1 moved to price price_b \(bundle SUITE\).*not supported$/);
  });

  test("bundle licenses moved to another bundle with the same members fail with UNSUPPORTED_CHANGE", () => {
    const suite = subscriptionSpec({ productCode: "SUITE", productId: null });
    const app = subscriptionSpec({ productCode: "APP" });
    const licenses = [license(0, { spec: suite }), license(0, { bundleMemberCode: "APP", spec: app })];
    const pro = bundlePlan([app], subscriptionSpec({ productCode: "PRO", productId: null }), "PRO");
    const failure = failureOf(() =>
      reconcile({ view: view({ items: [item({ priceId: "price_pro" })] }), licenses, plans: new Map([["price_pro", pro]]) }),
    );
    expect(failure.code).toBe("UNSUPPORTED_CHANGE");
  });

  test("a bundle moved to another price of the same bundle is a respec, not a failure", () => {
    const suite = subscriptionSpec({ productCode: "SUITE", productId: null });
    const app = subscriptionSpec({ productCode: "APP" });
    const licenses = [license(0, { spec: suite }), license(0, { bundleMemberCode: "APP", spec: app })];
    const changes = reconcile({
      view: view({ items: [item({ priceId: "price_suite_2" })] }),
      licenses,
      plans: new Map([["price_suite_2", bundlePlan([app], suite, "SUITE")]]),
    });
    expect(summary(changes)).toEqual([
      ["respec", "lic_0"],
      ["respec", "lic_0_APP"],
    ]);
  });

  test("bundle licenses moved to a product price fail with UNSUPPORTED_CHANGE naming the member", () => {
    const failure = failureOf(() =>
      reconcile({ licenses: [license(0), license(0, { bundleMemberCode: "APP" })], plans: new Map([["price_1", productPlan(monthly)]]) }),
    );
    expect(failure.code).toBe("UNSUPPORTED_CHANGE");
    expect(failure.message).toMatch(/^Subscription item si_1 moved to price price_1 \(product\), which does not sell license "APP";/);
  });

  test("two different bundles on one subscription fail with MULTIPLE_BUNDLES", () => {
    const failure = failureOf(() =>
      reconcile({
        view: view({ items: [item({ itemId: "si_1", priceId: "price_a" }), item({ itemId: "si_2", priceId: "price_b" })] }),
        plans: new Map([
          ["price_a", bundlePlan(undefined, undefined, "SUITE")],
          ["price_b", bundlePlan(undefined, undefined, "PRO")],
        ]),
      }),
    );
    expect(failure.code).toBe("MULTIPLE_BUNDLES");
  });

  test("a price without a resolved plan is a programming error, not a licensing failure", () => {
    const attempt = () => reconcile({ view: view({ items: [item({ priceId: "price_x" })] }) });
    expect(attempt).toThrow("No resolved plan for price price_x");
    expect(attempt).not.toThrow(LicensingFailure);
  });
});

/** What the license service does with each change, on an in-memory list (ids are the source keys). */
function applyChanges(licenses: LicenseState[], changes: LicenseChange[]): LicenseState[] {
  const byId = new Map(licenses.map((l) => [l.id, { ...l }]));
  const get = (id: string) => {
    const l = byId.get(id);
    if (!l) throw new Error(`change for unknown license ${id}`);
    return l;
  };
  for (const c of changes) {
    switch (c.kind) {
      case "create": {
        const n = c.license;
        // The service writes each source key once; a second create would be a rule asking for a duplicate.
        if (byId.has(n.sourceKey)) throw new Error(`created ${n.sourceKey} twice`);
        byId.set(n.sourceKey, {
          id: n.sourceKey,
          status: n.active ? "ACTIVE" : "DISABLED",
          manuallyDisabled: false,
          disabledReason: n.disabledReason,
          subscriptionItemId: n.stripe.subscriptionItemId ?? null,
          invoiceId: n.stripe.invoiceId ?? null,
          unitIndex: n.unitIndex,
          bundleMemberCode: n.bundleMemberCode,
          priceId: n.stripe.priceId,
          spec: n.spec,
          maxActivations: n.maxActivations,
          floatingUsers: n.floatingUsers,
          maxLicenseUsers: n.maxLicenseUsers,
          expiresAt: n.expiresAt,
          graceUntil: n.graceUntil,
          activationCount: 0,
        });
        break;
      }
      case "enable":
        Object.assign(get(c.licenseId), { status: "ACTIVE", disabledReason: null });
        break;
      case "disable":
        Object.assign(get(c.licenseId), { status: "DISABLED", disabledReason: c.reason, graceUntil: null });
        break;
      case "relink":
        get(c.licenseId).invoiceId = c.invoiceId;
        break;
      case "extend":
        get(c.licenseId).expiresAt = c.expiresAt;
        break;
      case "grace":
        get(c.licenseId).graceUntil = c.graceUntil;
        break;
      case "respec":
        Object.assign(get(c.licenseId), {
          spec: c.spec,
          priceId: c.priceId,
          maxActivations: c.maxActivations,
          floatingUsers: c.floatingUsers,
          maxLicenseUsers: c.maxLicenseUsers,
          expiresAt: c.expiresAt,
        });
        break;
      case "resetConsumption":
      case "note":
        get(c.licenseId);
        break;
    }
  }
  return [...byId.values()];
}

describe("convergence (property)", () => {
  const graceSpec = (o: Partial<ResolvedSpec> = {}) => subscriptionSpec({ unpaidActiveLicensePeriod: "7d", maxActivations: 2, ...o });
  const plans: Record<string, LinePlan> = {
    product: productPlan(graceSpec()),
    // Members with and without a grace period: licenses of one unit may then differ in status.
    bundle: bundlePlan([graceSpec({ productCode: "APP" }), subscriptionSpec({ productCode: "TEAM" })], graceSpec({ productCode: "SUITE", productId: null })),
    single: productPlan(graceSpec({ isSingleLicense: true, floatingUsersFromQuantity: true, floatingUsers: 1 })),
  };
  const step = fc.record({
    quantity: fc.integer({ min: 1, max: 4 }),
    status: fc.constantFrom("active", "trialing", "past_due", "unpaid", "paused", "incomplete", "canceled", "incomplete_expired"),
    // Within the 7-day grace, past it, or not known.
    unpaidDaysAgo: fc.constantFrom(null, 1, 10),
    // Rarely: deletion is final, so most sequences should get to play out before it.
    deleted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });

  /** Each step's full view, as the subscription state merges events: peak and deletion only grow. */
  function views(steps: { quantity: number; status: string; unpaidDaysAgo: number | null; deleted: boolean }[]): SubscriptionView[] {
    let peak = 0;
    let deleted = false;
    return steps.map((s) => {
      peak = Math.max(peak, s.quantity);
      deleted = deleted || s.deleted;
      return view({
        status: s.status,
        deleted,
        items: [item({ quantity: s.quantity, peakQuantity: peak })],
        unpaidSince: s.unpaidDaysAgo === null ? null : new Date(now.getTime() - s.unpaidDaysAgo * DAY_MS),
      });
    });
  }

  const statuses = (licenses: LicenseState[]) =>
    Object.fromEntries(
      licenses
        .map((l) => [l.id, l.status === "ACTIVE" ? { active: true, graceUntil: l.graceUntil?.toISOString() ?? null } : { active: false }] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );

  test.each(Object.keys(plans))("%s: reconciling straight to the last view equals applying every view in turn", (kind) => {
    const plan = new Map([["price_1", plans[kind]!]]);
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const all = views(steps);
        let licenses: LicenseState[] = [];
        let previous: SubscriptionView | null = null;
        for (const v of all) {
          licenses = applyChanges(licenses, reconcileSubscription({ view: v, previous, licenses, plans: plan, now, renewed: false }));
          previous = v;
        }
        const last = all[all.length - 1]!;
        const direct = applyChanges([], reconcileSubscription({ view: last, previous: null, licenses: [], plans: plan, now, renewed: false }));
        expect(statuses(licenses)).toEqual(statuses(direct));
        // Settled: reconciling the last view again asks for nothing but notes.
        const again = reconcileSubscription({ view: last, previous: last, licenses, plans: plan, now, renewed: false });
        expect(again.filter((c) => c.kind !== "note")).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
