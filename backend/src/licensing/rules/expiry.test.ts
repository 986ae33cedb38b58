import { graceEnd, licenseExpiry, maintenanceEnd } from "./expiry";
import { DAY_MS, spec, subscriptionSpec } from "./test-fixtures";

const start = new Date("2024-01-31T10:15:00.000Z");

describe("licenseExpiry", () => {
  test("a perpetual one-off license never expires", () => {
    expect(licenseExpiry(spec({ licenseType: "perpetual", validDuration: "1y" }), start, null)).toBeNull();
  });

  // Months and years clamp to the target month's last day, so a license never runs into the month after.
  test.each([
    ["20d", "2024-02-20T10:15:00.000Z"],
    ["2w", "2024-02-14T10:15:00.000Z"],
    ["1m", "2024-02-29T10:15:00.000Z"],
    ["3m", "2024-04-30T10:15:00.000Z"],
    ["1y", "2025-01-31T10:15:00.000Z"],
  ])("a time-limited license of %s runs from its start to %s", (validDuration, expected) => {
    expect(licenseExpiry(spec({ licenseType: "time-limited", validDuration }), start, null)).toEqual(new Date(expected));
  });

  test("Feb 29 + 1y clamps to Feb 28 of the next (non-leap) year", () => {
    const leapDay = new Date("2024-02-29T00:00:00.000Z");
    expect(licenseExpiry(spec({ licenseType: "time-limited", validDuration: "1y" }), leapDay, null)).toEqual(
      new Date("2025-02-28T00:00:00.000Z"),
    );
  });

  test("a one-off consumption license with a valid duration expires like a time-limited one", () => {
    expect(licenseExpiry(spec({ licenseType: "consumption", validDuration: "10d" }), start, null)).toEqual(
      new Date(start.getTime() + 10 * DAY_MS),
    );
  });

  test("a time-limited license without a valid duration has no end", () => {
    expect(licenseExpiry(spec({ licenseType: "time-limited", validDuration: null }), start, null)).toBeNull();
  });

  describe("recurring licenses", () => {
    const paidThrough = new Date("2024-03-01T00:00:00.000Z");

    test.each([
      [0, "2024-03-01T00:00:00.000Z"],
      [3, "2024-03-04T00:00:00.000Z"],
    ])("run to the end of the paid period plus %i added days", (addedDays, expected) => {
      expect(licenseExpiry(subscriptionSpec({ addedDays }), start, paidThrough)).toEqual(new Date(expected));
    });

    // The start must not matter: a recurring license follows the invoice, not the purchase moment.
    test("ignore the start and any valid duration", () => {
      const s = subscriptionSpec({ validDuration: "1y", addedDays: 1 });
      expect(licenseExpiry(s, new Date("2020-01-01T00:00:00.000Z"), paidThrough)).toEqual(new Date("2024-03-02T00:00:00.000Z"));
    });

    test("without a known paid period, have no end yet", () => {
      expect(licenseExpiry(subscriptionSpec({ addedDays: 5 }), start, null)).toBeNull();
    });
  });
});

describe("maintenanceEnd", () => {
  test("is the start plus the maintenance duration, clamped at month end", () => {
    expect(maintenanceEnd(spec({ maintenanceDuration: "1m" }), start)).toEqual(new Date("2024-02-29T10:15:00.000Z"));
  });

  test("is null without a maintenance duration", () => {
    expect(maintenanceEnd(spec({ maintenanceDuration: null }), start)).toBeNull();
  });
});

describe("graceEnd", () => {
  const unpaidSince = new Date("2024-05-10T08:00:00.000Z");

  test.each([
    ["7d", "2024-05-17T08:00:00.000Z"],
    ["1m", "2024-06-10T08:00:00.000Z"],
  ])("with an unpaid period of %s ends at %s", (unpaidActiveLicensePeriod, expected) => {
    expect(graceEnd(subscriptionSpec({ unpaidActiveLicensePeriod }), unpaidSince)).toEqual(new Date(expected));
  });

  test("is null when the spec grants no unpaid period", () => {
    expect(graceEnd(subscriptionSpec({ unpaidActiveLicensePeriod: null }), unpaidSince)).toBeNull();
  });
});
