import fc from "fast-check";
import { formatDuration } from "./duration";
import { formatMetadataIssues } from "./issues";
import { METADATA_KEYS } from "./keys";
import { DURATION_UNITS } from "./license-spec";
import { parseLicenseMetadata, type MetadataInput } from "./parse-license-metadata";

// Known keys get arbitrary values too, so the validators themselves see garbage, not only unknown keys.
const key = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom(...Object.values(METADATA_KEYS), "custom_field_", "custom_field_Serial", "__proto__", "constructor"),
);
const value = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("true", " true", "0", "1", "1000001", "30d", "0:3;1:1", "perpetual", "consumption", ""),
);
const metadata = fc.dictionary(key, value);
const productMetadata = fc.oneof(metadata, fc.constant(null), fc.constant(undefined));
const recurring = fc.oneof(
  fc.anything(),
  fc.record({ interval: fc.constantFrom("day", "week", "month", "year", "hour"), interval_count: fc.integer() }),
) as fc.Arbitrary<MetadataInput["recurring"]>;

describe("parseLicenseMetadata properties", () => {
  it("never throws, and every invalid result says why on one line", () => {
    fc.assert(
      fc.property(metadata, productMetadata, recurring, (price, product, rec) => {
        const result = parseLicenseMetadata({ priceMetadata: price, productMetadata: product, recurring: rec });
        expect(["spec", "ignored", "unlicensed", "invalid"]).toContain(result.kind);
        if (result.kind === "invalid") {
          expect(result.issues.length).toBeGreaterThanOrEqual(1);
          for (const issue of result.issues) {
            expect(typeof issue.key).toBe("string");
            expect(["price", "product"]).toContain(issue.source);
          }
          expect(formatMetadataIssues(result.issues)).not.toMatch(/[\r\n]/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips every duration of a valid spec through formatDuration", () => {
    const durationText = fc
      .record({ count: fc.integer({ min: 1, max: 9999 }), unit: fc.constantFrom(...DURATION_UNITS) })
      .map(formatDuration);
    const padding = fc.constantFrom("", " ", "\t", "  ");
    fc.assert(
      fc.property(durationText, durationText, durationText, padding, (valid, maintenance, unpaid, pad) => {
        const result = parseLicenseMetadata({
          priceMetadata: {
            short_code: "PRO",
            valid_duration: `${pad}${valid}${pad}`,
            maintenance_duration: maintenance,
          },
          productMetadata: { unpaid_active_license_period: unpaid },
        });
        if (result.kind !== "spec") throw new Error(`expected a spec, got ${JSON.stringify(result)}`);
        const { validDuration, maintenanceDuration, unpaidActiveLicensePeriod } = result.spec;
        expect([validDuration, maintenanceDuration, unpaidActiveLicensePeriod].map((d) => d && formatDuration(d))).toEqual([
          valid,
          maintenance,
          unpaid,
        ]);
      }),
    );
  });
});
