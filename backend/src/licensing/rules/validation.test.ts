import { spec } from "./test-fixtures";
import { decideActivation, decideConsumption, decideHeartbeat, decideValidation, entitlementsOf, type LicenseSnapshot, type MachineSnapshot } from "./validation";

const NOW = new Date("2026-06-01T12:00:00Z");
const before = (ms: number) => new Date(NOW.getTime() - ms);
const after = (ms: number) => new Date(NOW.getTime() + ms);

function license(overrides: Partial<LicenseSnapshot> = {}): LicenseSnapshot {
  return {
    id: "lic_1",
    accountId: "acc_1",
    key: "AAAAA-BBBBB-CCCCC-DDDDD",
    status: "ACTIVE",
    disabledReason: null,
    spec: spec({ features: ["pro"] }),
    productCode: "APP",
    maxActivations: 2,
    floatingUsers: null,
    maxLicenseUsers: null,
    expiresAt: null,
    graceUntil: null,
    maintenanceUntil: null,
    consumptionUsed: 0,
    maxConsumptions: null,
    userEmails: [],
    stripeEntitlements: [],
    ...overrides,
  };
}

const machine = (fingerprint: string, leaseExpiresAt: Date | null = null): MachineSnapshot => ({ id: `m_${fingerprint}`, fingerprint, name: null, platform: null, leaseExpiresAt });

describe("decideValidation", () => {
  test("a plain active license is VALID", () => {
    expect(decideValidation(license(), [], {}, NOW).code).toBe("VALID");
  });

  test("DISABLED names the reason, and wins over everything else", () => {
    const v = decideValidation(license({ status: "DISABLED", disabledReason: "refunded", expiresAt: before(1) }), [], { fingerprint: "x" }, NOW);
    expect(v).toEqual({ code: "DISABLED", detail: "The license is disabled: refunded" });
  });

  test("EXPIRED once expiresAt passed, unless unpaid grace still runs", () => {
    expect(decideValidation(license({ expiresAt: before(1) }), [], {}, NOW).code).toBe("EXPIRED");
    expect(decideValidation(license({ expiresAt: NOW }), [], {}, NOW).code).toBe("EXPIRED");
    expect(decideValidation(license({ expiresAt: before(1), graceUntil: after(1000) }), [], {}, NOW).code).toBe("VALID");
    expect(decideValidation(license({ expiresAt: before(1000), graceUntil: before(1) }), [], {}, NOW).code).toBe("EXPIRED");
  });

  test("a fingerprint must hold a live activation: NOT_ACTIVATED, or no slot left for it", () => {
    expect(decideValidation(license(), [machine("a")], { fingerprint: "a" }, NOW).code).toBe("VALID");
    expect(decideValidation(license(), [machine("a")], { fingerprint: "b" }, NOW).code).toBe("NOT_ACTIVATED");
    expect(decideValidation(license(), [machine("a"), machine("c")], { fingerprint: "b" }, NOW).code).toBe("TOO_MANY_ACTIVATIONS");
    const floating = license({ floatingUsers: 1 });
    expect(decideValidation(floating, [machine("a", after(1000))], { fingerprint: "b" }, NOW).code).toBe("NO_FLOATING_SEAT");
    expect(decideValidation(floating, [machine("a", before(1))], { fingerprint: "a" }, NOW).code).toBe("NOT_ACTIVATED");
  });

  test("more live machines than slots (the limit was lowered) is TOO_MANY_ACTIVATIONS for everyone", () => {
    expect(decideValidation(license({ maxActivations: 1 }), [machine("a"), machine("b")], { fingerprint: "a" }, NOW).code).toBe("TOO_MANY_ACTIVATIONS");
  });

  test("CONSUMPTION_EXCEEDED when no unit is left", () => {
    expect(decideValidation(license({ maxConsumptions: 10, consumptionUsed: 9 }), [], {}, NOW).code).toBe("VALID");
    expect(decideValidation(license({ maxConsumptions: 10, consumptionUsed: 10 }), [], {}, NOW).code).toBe("CONSUMPTION_EXCEEDED");
  });

  test("FEATURE_MISSING names what is not licensed", () => {
    expect(decideValidation(license(), [], { features: ["pro"] }, NOW).code).toBe("VALID");
    expect(decideValidation(license(), [], { features: ["pro", "cloud", "sso"] }, NOW)).toEqual({ code: "FEATURE_MISSING", detail: "Not licensed: cloud, sso" });
  });

  test("MAINTENANCE_EXPIRED for a version released after maintenance ended; older versions stay valid", () => {
    const l = license({ maintenanceUntil: before(86_400_000) });
    expect(decideValidation(l, [], { versionReleasedAt: NOW }, NOW).code).toBe("MAINTENANCE_EXPIRED");
    expect(decideValidation(l, [], { versionReleasedAt: before(2 * 86_400_000) }, NOW).code).toBe("VALID");
    expect(decideValidation(license(), [], { versionReleasedAt: NOW }, NOW).code).toBe("VALID");
  });

  test("a user email must be one of a user-authorised license's users, in any case", () => {
    const l = license({ spec: spec({ authorizationMethod: "user" }), userEmails: ["ada@example.com"] });
    expect(decideValidation(l, [], { userEmail: "Ada@Example.com" }, NOW).code).toBe("VALID");
    expect(decideValidation(l, [], { userEmail: "eve@example.com" }, NOW).code).toBe("USER_NOT_AUTHORIZED");
    expect(decideValidation(license(), [], { userEmail: "eve@example.com" }, NOW).code).toBe("VALID");
  });
});

describe("decideActivation", () => {
  test("a disabled or expired license never activates", () => {
    expect(decideActivation(license({ status: "DISABLED" }), [], "a", NOW)).toMatchObject({ kind: "refuse", verdict: { code: "DISABLED" } });
    expect(decideActivation(license({ expiresAt: before(1) }), [], "a", NOW)).toMatchObject({ kind: "refuse", verdict: { code: "EXPIRED" } });
  });

  test("the same fingerprint renews its slot; a new one takes a free slot, or is refused", () => {
    expect(decideActivation(license(), [machine("a")], "a", NOW)).toEqual({ kind: "renew", machine: machine("a") });
    expect(decideActivation(license(), [machine("a")], "b", NOW)).toEqual({ kind: "take" });
    expect(decideActivation(license(), [machine("a"), machine("b")], "c", NOW)).toMatchObject({ kind: "refuse", verdict: { code: "TOO_MANY_ACTIVATIONS" } });
  });

  test("floating: lapsed leases free their seat", () => {
    const l = license({ floatingUsers: 1, maxActivations: 5 });
    expect(decideActivation(l, [machine("a", after(1))], "b", NOW)).toMatchObject({ kind: "refuse", verdict: { code: "NO_FLOATING_SEAT" } });
    expect(decideActivation(l, [machine("a", before(1))], "b", NOW)).toEqual({ kind: "take" });
    expect(decideActivation(l, [machine("a", before(1))], "a", NOW)).toEqual({ kind: "take" });
  });
});

test("a heartbeat keeps a live lease only", () => {
  const l = license({ floatingUsers: 1 });
  expect(decideHeartbeat(l, [machine("a", after(1))], "a", NOW)).toMatchObject({ ok: true });
  expect(decideHeartbeat(l, [machine("a", before(1))], "a", NOW)).toMatchObject({ ok: false, verdict: { code: "NOT_ACTIVATED" } });
});

test("consumption is refused past the limit and on licenses that are not valid", () => {
  expect(decideConsumption(license({ maxConsumptions: 10, consumptionUsed: 8 }), 2, NOW)).toBeNull();
  expect(decideConsumption(license({ maxConsumptions: 10, consumptionUsed: 8 }), 3, NOW)?.code).toBe("CONSUMPTION_EXCEEDED");
  expect(decideConsumption(license({ status: "DISABLED" }), 1, NOW)?.code).toBe("DISABLED");
  expect(decideConsumption(license(), 1_000, NOW)).toBeNull();
});

test("entitlements count live machines and read the spec", () => {
  const e = entitlementsOf(license({ floatingUsers: 2 }), [machine("a", after(1)), machine("b", before(1))], NOW);
  expect(e).toMatchObject({ licenseType: "perpetual", features: ["pro"], activationsUsed: 1, floatingUsers: 2 });
});
