import fc from "fast-check";
import { addDuration, billingToDuration, formatDuration, parseDuration } from "./duration";
import { DURATION_UNITS, type BillingInterval, type Duration } from "./license-spec";

describe("parseDuration", () => {
  it.each<[string, Duration]>([
    ["20d", { count: 20, unit: "d" }],
    ["1w", { count: 1, unit: "w" }],
    ["12m", { count: 12, unit: "m" }],
    ["9999y", { count: 9999, unit: "y" }],
  ])("reads %j", (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  // Seed 004's format is N[d|w|m|y]; anything looser would let typos become real license terms.
  it.each(["", "d", "20", "0d", "05d", "10000d", "20D", "1.5m", "-1y", "+1y", "20 d", " 20d", "20dd", "1h", "١d"])(
    "rejects %j",
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );

  it("round-trips every valid duration through formatDuration", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(...DURATION_UNITS), (count, unit) => {
        const text = formatDuration({ count, unit });
        expect(text).toBe(`${count}${unit}`);
        expect(parseDuration(text)).toEqual({ count, unit });
      }),
    );
  });
});

describe("addDuration", () => {
  const add = (iso: string, text: string): string => {
    const duration = parseDuration(text);
    if (!duration) throw new Error(`bad duration in test: ${text}`);
    return addDuration(new Date(iso), duration).toISOString();
  };

  it.each([
    ["2024-02-28T10:00:00.000Z", "1d", "2024-02-29T10:00:00.000Z"],
    ["2023-02-28T10:00:00.000Z", "1d", "2023-03-01T10:00:00.000Z"],
    ["2024-12-30T00:00:00.000Z", "1w", "2025-01-06T00:00:00.000Z"],
    ["2024-01-01T00:00:00.000Z", "366d", "2025-01-01T00:00:00.000Z"],
    ["2024-01-15T08:30:00.000Z", "1m", "2024-02-15T08:30:00.000Z"],
    ["2024-12-15T00:00:00.000Z", "1m", "2025-01-15T00:00:00.000Z"],
    ["2024-01-31T23:59:59.123Z", "1m", "2024-02-29T23:59:59.123Z"],
    ["2023-01-31T00:00:00.000Z", "1m", "2023-02-28T00:00:00.000Z"],
    ["2024-03-31T00:00:00.000Z", "1m", "2024-04-30T00:00:00.000Z"],
    ["2024-01-31T00:00:00.000Z", "13m", "2025-02-28T00:00:00.000Z"],
    ["2024-02-29T12:00:00.000Z", "1y", "2025-02-28T12:00:00.000Z"],
    ["2024-02-29T12:00:00.000Z", "4y", "2028-02-29T12:00:00.000Z"],
    // 2100 is not a leap year (divisible by 100, not by 400).
    ["2000-02-29T00:00:00.000Z", "100y", "2100-02-28T00:00:00.000Z"],
  ])("%s + %s = %s", (from, duration, expected) => {
    expect(add(from, duration)).toBe(expected);
  });

  it("does not change the date it starts from", () => {
    const from = new Date("2024-01-31T00:00:00.000Z");
    addDuration(from, { count: 1, unit: "m" });
    expect(from.toISOString()).toBe("2024-01-31T00:00:00.000Z");
  });

  // Clamping must never let a month overflow into the next one (Jan 31 + 1m must not be Mar 2).
  it("moves exactly N calendar months, never past the target month's end", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2200-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 9999 }),
        (from, months) => {
          const to = addDuration(from, { count: months, unit: "m" });
          const monthsMoved =
            (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
          expect(monthsMoved).toBe(months);
          expect(to.getUTCDate()).toBeLessThanOrEqual(from.getUTCDate());
          expect(to.getTime() % 86_400_000).toBe(from.getTime() % 86_400_000);
        },
      ),
    );
  });
});

describe("billingToDuration", () => {
  it.each<[BillingInterval, Duration]>([
    [{ interval: "day", intervalCount: 1 }, { count: 1, unit: "d" }],
    [{ interval: "week", intervalCount: 2 }, { count: 2, unit: "w" }],
    [{ interval: "month", intervalCount: 3 }, { count: 3, unit: "m" }],
    [{ interval: "year", intervalCount: 1 }, { count: 1, unit: "y" }],
  ])("%j -> %j", (billing, expected) => {
    expect(billingToDuration(billing)).toEqual(expected);
  });
});
