import { formatMetadataIssues } from "./issues";
import type { LicenseSpec, MetadataIssue } from "./license-spec";
import { parseLicenseMetadata, type MetadataInput, type MetadataParseResult } from "./parse-license-metadata";

type Rest = Omit<MetadataInput, "priceMetadata">;

const MONTHLY = { interval: "month", interval_count: 1 };

function parse(priceMetadata: Record<string, string>, rest: Rest = {}): MetadataParseResult {
  return parseLicenseMetadata({ priceMetadata, ...rest });
}

function specOf(priceMetadata: Record<string, string>, rest: Rest = {}): LicenseSpec {
  const result = parse(priceMetadata, rest);
  if (result.kind !== "spec") throw new Error(`expected a spec, got ${JSON.stringify(result)}`);
  return result.spec;
}

function issuesOf(priceMetadata: Record<string, string>, rest: Rest = {}): MetadataIssue[] {
  const result = parse(priceMetadata, rest);
  if (result.kind !== "invalid") throw new Error(`expected issues, got ${JSON.stringify(result)}`);
  return result.issues;
}

const MINIMAL_SPEC: LicenseSpec = {
  shortCode: "PRO",
  isSingleLicense: false,
  floatingUsersFromQuantity: false,
  isProductBundle: false,
  customFields: {},
  unknown: {},
};

const SHORT_CODE_EXPECTED = "expected the short code of a product or bundle";
const COUNT_EXPECTED = "expected 1 to 1000000 (price metadata)";
const VERSION_EXPECTED = "expected 0 to 1000000 (price metadata)";
const DAYS_EXPECTED = "expected 0 to 3650 (price metadata)";
const DURATION_EXPECTED = "expected N followed by d, w, m or y, e.g. 30d or 1y (price metadata)";
const LICENSE_TYPE_EXPECTED = "expected perpetual, time-limited, subscription or consumption (price metadata)";
const FEATURES_EXPECTED =
  'expected set:mask pairs separated by ";" with set 0 to 63 (each once) and mask 0 to 2147483647, e.g. 0:3;1:1 (price metadata)';
const RECURRING_EXPECTED =
  "expected interval day, week, month or year and a whole interval_count of at least 1 (price billing settings)";

// toStrictEqual: absent overrides must be missing keys, not undefined values, or a
// `{ ...policy, ...spec }` merge downstream would erase the policy's values.
it("leaves every override out when only short_code is set", () => {
  expect(specOf({ short_code: "PRO" })).toStrictEqual(MINIMAL_SPEC);
});

describe("good values", () => {
  it.each<[string, Record<string, string>, Partial<LicenseSpec>]>([
    ["short_code", { short_code: "Pro-1" }, { shortCode: "Pro-1" }],
    ["short_code, trimmed with case kept", { short_code: "  pro_X " }, { shortCode: "pro_X" }],
    ["offering_sku", { offering_sku: "premium_monthly" }, { shortCode: "premium_monthly" }],
    ["offering_sku equal to short_code", { short_code: "PRO", offering_sku: " PRO" }, {}],
    ["license_policy", { short_code: "PRO", license_policy: "annual-2" }, { licensePolicy: "annual-2" }],
    ["license_type perpetual", { short_code: "PRO", license_type: "perpetual" }, { licenseType: "perpetual" }],
    ["license_type time-limited", { short_code: "PRO", license_type: "time-limited" }, { licenseType: "time-limited" }],
    ["license_type subscription", { short_code: "PRO", license_type: "subscription" }, { licenseType: "subscription" }],
    ["license_type consumption", { short_code: "PRO", license_type: "consumption" }, { licenseType: "consumption" }],
    ["valid_duration", { short_code: "PRO", valid_duration: "20d" }, { validDuration: { count: 20, unit: "d" } }],
    ["valid_duration, trimmed", { short_code: "PRO", valid_duration: " 9999y " }, { validDuration: { count: 9999, unit: "y" } }],
    ["maintenance_duration", { short_code: "PRO", maintenance_duration: "1y" }, { maintenanceDuration: { count: 1, unit: "y" } }],
    [
      "unpaid_active_license_period",
      { short_code: "PRO", unpaid_active_license_period: "2w" },
      { unpaidActiveLicensePeriod: { count: 2, unit: "w" } },
    ],
    ["max_activations", { short_code: "PRO", max_activations: "1" }, { maxActivations: 1 }],
    ["max_activations at its maximum", { short_code: "PRO", max_activations: "1000000" }, { maxActivations: 1_000_000 }],
    ["max_activations with leading zeros", { short_code: "PRO", max_activations: "007" }, { maxActivations: 7 }],
    ["floating_cloud", { short_code: "PRO", floating_cloud: "25" }, { floatingCloud: 25 }],
    ["max_license_users", { short_code: "PRO", max_license_users: "10" }, { maxLicenseUsers: 10 }],
    ["added_days of zero", { short_code: "PRO", added_days: "0" }, { addedDays: 0 }],
    ["added_days at its maximum", { short_code: "PRO", added_days: "3650" }, { addedDays: 3650 }],
    ["is_majorversion", { short_code: "PRO", is_majorversion: "1000000" }, { majorVersion: 1_000_000 }],
    ["is_minorversion", { short_code: "PRO", is_minorversion: "0" }, { minorVersion: 0 }],
    ["is_features", { short_code: "PRO", is_features: "0:3;1:1" }, { featureSets: [{ set: 0, mask: 3 }, { set: 1, mask: 1 }] }],
    ["is_features with a trailing ;", { short_code: "PRO", is_features: "2:1;" }, { featureSets: [{ set: 2, mask: 1 }] }],
    ["custom_field_{NAME}, trimmed", { short_code: "PRO", custom_field_Serial: " 111 " }, { customFields: { Serial: "111" } }],
    [
      "custom_field_{NAME}, name kept exactly",
      { short_code: "PRO", "custom_field_Max Seats": "5", custom_field_custom_field_x: "y" },
      { customFields: { "Max Seats": "5", custom_field_x: "y" } },
    ],
    // Stripe cannot store an empty value, but a blank one is a deliberate empty override of the default.
    ["custom_field_{NAME} blank", { short_code: "PRO", custom_field_Note: "  " }, { customFields: { Note: "" } }],
    ["is_product_bundle with the bundle's short_code", { short_code: "B1", is_product_bundle: "true" }, { shortCode: "B1", isProductBundle: true }],
  ])("%s", (_name, metadata, expected) => {
    expect(specOf(metadata)).toStrictEqual({ ...MINIMAL_SPEC, ...expected });
  });
});

describe("bad values", () => {
  it.each<[string, string, string]>([
    ["license_policy", " ", `license_policy: "" is empty; expected a license policy code (price metadata)`],
    ["license_type", "Perpetual", `license_type: "Perpetual" is not a license type; ${LICENSE_TYPE_EXPECTED}`],
    ["license_type", "lifetime", `license_type: "lifetime" is not a license type; ${LICENSE_TYPE_EXPECTED}`],
    ["license_type", "", `license_type: "" is empty; ${LICENSE_TYPE_EXPECTED}`],
    ["valid_duration", "20D", `valid_duration: "20D" is not a duration; ${DURATION_EXPECTED}`],
    ["valid_duration", "0d", `valid_duration: "0d" is not a duration; ${DURATION_EXPECTED}`],
    ["valid_duration", "10000d", `valid_duration: "10000d" is not a duration; ${DURATION_EXPECTED}`],
    ["valid_duration", "30", `valid_duration: "30" is not a duration; ${DURATION_EXPECTED}`],
    ["valid_duration", "1.5m", `valid_duration: "1.5m" is not a duration; ${DURATION_EXPECTED}`],
    ["valid_duration", "2 w", `valid_duration: "2 w" is not a duration; ${DURATION_EXPECTED}`],
    ["maintenance_duration", "forever", `maintenance_duration: "forever" is not a duration; ${DURATION_EXPECTED}`],
    ["unpaid_active_license_period", "-5d", `unpaid_active_license_period: "-5d" is not a duration; ${DURATION_EXPECTED}`],
    ["max_activations", "abc", `max_activations: "abc" is not a whole number; ${COUNT_EXPECTED}`],
    ["max_activations", "0", `max_activations: "0" is out of range; ${COUNT_EXPECTED}`],
    ["max_activations", "1000001", `max_activations: "1000001" is out of range; ${COUNT_EXPECTED}`],
    ["max_activations", "99999999999999999999999", `max_activations: "99999999999999999999999" is out of range; ${COUNT_EXPECTED}`],
    ["max_activations", "+5", `max_activations: "+5" is not a whole number; ${COUNT_EXPECTED}`],
    ["max_activations", "1.0", `max_activations: "1.0" is not a whole number; ${COUNT_EXPECTED}`],
    ["max_activations", "1e3", `max_activations: "1e3" is not a whole number; ${COUNT_EXPECTED}`],
    ["max_activations", "0x10", `max_activations: "0x10" is not a whole number; ${COUNT_EXPECTED}`],
    ["max_activations", "1 000", `max_activations: "1 000" is not a whole number; ${COUNT_EXPECTED}`],
    ["max_activations", "", `max_activations: "" is empty; ${COUNT_EXPECTED}`],
    ["floating_cloud", "0", `floating_cloud: "0" is out of range; ${COUNT_EXPECTED}`],
    ["floating_cloud", "-1", `floating_cloud: "-1" is not a whole number; ${COUNT_EXPECTED}`],
    ["max_license_users", "1000001", `max_license_users: "1000001" is out of range; ${COUNT_EXPECTED}`],
    ["max_license_users", "ten", `max_license_users: "ten" is not a whole number; ${COUNT_EXPECTED}`],
    ["added_days", "3651", `added_days: "3651" is out of range; ${DAYS_EXPECTED}`],
    ["added_days", "-1", `added_days: "-1" is not a whole number; ${DAYS_EXPECTED}`],
    ["is_majorversion", "1000001", `is_majorversion: "1000001" is out of range; ${VERSION_EXPECTED}`],
    ["is_majorversion", "v1", `is_majorversion: "v1" is not a whole number; ${VERSION_EXPECTED}`],
    ["is_minorversion", "1.2", `is_minorversion: "1.2" is not a whole number; ${VERSION_EXPECTED}`],
    ["is_features", "64:1", `is_features: "64:1" has set 64, above 63; ${FEATURES_EXPECTED}`],
    ["is_features", "0:3;0:1", `is_features: "0:3;0:1" lists set 0 twice; ${FEATURES_EXPECTED}`],
    ["is_features", "0:3,1:1", `is_features: "0:3,1:1" has "0:3,1:1", which is not set:mask; ${FEATURES_EXPECTED}`],
    [
      "custom_field_",
      "x",
      `custom_field_: "x" has no field name in its key; expected custom_field_ followed by the custom field's name, e.g. custom_field_Serial (price metadata)`,
    ],
  ])("%s = %j", (key, value, message) => {
    expect(issuesOf({ short_code: "PRO", [key]: value })).toEqual([{ key, value: value.trim(), source: "price", message }]);
  });

  it("calls a price with none of Tessera's keys, on it or its product, not a license item", () => {
    expect(parseLicenseMetadata({ priceMetadata: {}, productMetadata: {} })).toEqual({ kind: "unlicensed" });
    expect(parseLicenseMetadata({ priceMetadata: { size: "XL", color: "blue" }, productMetadata: { sku: "TSHIRT" } })).toEqual({ kind: "unlicensed" });
    expect(parseLicenseMetadata({ priceMetadata: { size: "XL" }, productMetadata: { short_code: "PRO" } }).kind).toBe("spec");
    expect(parseLicenseMetadata({ priceMetadata: { custom_field_Serial: "1" } }).kind).toBe("invalid");
  });

  it("requires short_code once any of Tessera's keys is there", () => {
    expect(issuesOf({ license_type: "perpetual" })).toEqual([
      {
        key: "short_code",
        value: undefined,
        source: "price",
        message: `short_code is required; ${SHORT_CODE_EXPECTED}, as short_code or offering_sku (price metadata)`,
      },
    ]);
  });

  it.each([
    ["short_code", "  "],
    ["offering_sku", ""],
  ])("rejects a blank %s instead of treating it as absent", (key, value) => {
    expect(issuesOf({ [key]: value })).toEqual([
      { key, value: "", source: "price", message: `${key}: "" is empty; ${SHORT_CODE_EXPECTED} (price metadata)` },
    ]);
  });

  // Seed 003: SKUs are matched case-sensitively, so "PRO" and "pro" are two different products.
  it.each([
    ["PRO", "pro"],
    ["PRO", "BASIC"],
  ])("reports short_code %j and offering_sku %j that disagree", (shortCode, sku) => {
    expect(issuesOf({ short_code: shortCode, offering_sku: sku })).toEqual([
      {
        key: "offering_sku",
        value: sku,
        source: "price",
        message: `offering_sku: "${sku}" disagrees with short_code "${shortCode}"; expected the same code as short_code, or only one of the two (price metadata)`,
      },
    ]);
  });

  it("reports the trimmed value, so surrounding blanks are not mistaken for the problem", () => {
    expect(issuesOf({ short_code: "PRO", valid_duration: "  20D\n" })).toEqual([
      { key: "valid_duration", value: "20D", source: "price", message: `valid_duration: "20D" is not a duration; ${DURATION_EXPECTED}` },
    ]);
  });
});

describe.each([
  ["enable_maintenance_duration", "enableMaintenanceDuration", undefined],
  ["is_license_manager", "isLicenseManager", undefined],
  ["assign_customer_as_user", "assignCustomerAsUser", undefined],
  ["is_single_license", "isSingleLicense", false],
  ["floating_users_from_quantity", "floatingUsersFromQuantity", false],
  ["is_product_bundle", "isProductBundle", false],
] as const)("boolean %s", (key, field, whenAbsent) => {
  // floating_users_from_quantity is only valid together with these two (seed 004).
  const context: Record<string, string> =
    key === "floating_users_from_quantity" ? { is_single_license: "true", floating_cloud: "1" } : {};

  // Seed 004: only `true` enables; any other value is false, not a mistake to report.
  it.each([
    ["true", true],
    [" true ", true],
    ["false", false],
    ["TRUE", false],
    ["True", false],
    ["yes", false],
    ["1", false],
    ["", false],
  ])("%j -> %s", (value, expected) => {
    expect(specOf({ short_code: "PRO", ...context, [key]: value })[field]).toBe(expected);
  });

  it(`is ${String(whenAbsent)} when absent`, () => {
    const spec = specOf({ short_code: "PRO" });
    expect(spec[field]).toBe(whenAbsent);
    // Absent means "the policy decides" for the first three, so the key must not exist at all.
    expect(Object.hasOwn(spec, field)).toBe(whenAbsent !== undefined);
  });
});

describe("product metadata as fallback", () => {
  it("uses the product's value for a key the price does not set", () => {
    expect(specOf({}, { productMetadata: { short_code: "PRO", max_activations: "5" } })).toStrictEqual({
      ...MINIMAL_SPEC,
      maxActivations: 5,
    });
  });

  it("lets the price's value win, without validating the product's", () => {
    expect(specOf({ short_code: "PRO", max_activations: "2" }, { productMetadata: { short_code: "OTHER", max_activations: "abc" } })).toStrictEqual({
      ...MINIMAL_SPEC,
      maxActivations: 2,
    });
  });

  it("reports a bad product value as coming from the product", () => {
    expect(issuesOf({ short_code: "PRO" }, { productMetadata: { valid_duration: "20D" } })).toEqual([
      {
        key: "valid_duration",
        value: "20D",
        source: "product",
        message: 'valid_duration: "20D" is not a duration; expected N followed by d, w, m or y, e.g. 30d or 1y (product metadata)',
      },
    ]);
  });

  it("treats a null product like an empty one", () => {
    expect(specOf({ short_code: "PRO" }, { productMetadata: null })).toStrictEqual(MINIMAL_SPEC);
  });

  // An alias is the same setting: the price's offering_sku overrides the product's short_code.
  it("lets the price's offering_sku override the product's short_code", () => {
    expect(specOf({ offering_sku: "SKU-1" }, { productMetadata: { short_code: "PRO" } }).shortCode).toBe("SKU-1");
  });

  it("merges custom fields and unknown keys per key, the price winning", () => {
    const spec = specOf(
      { short_code: "PRO", custom_field_A: "price", is_vendor: " stripe " },
      { productMetadata: { custom_field_A: "product", custom_field_B: "product", is_vendor: "other", is_productid: "1" } },
    );
    expect(spec.customFields).toStrictEqual({ A: "price", B: "product" });
    // Unknown keys belong to other tools, so their values are passed on untouched (not trimmed).
    expect(spec.unknown).toStrictEqual({ is_vendor: " stripe ", is_productid: "1" });
  });
});

describe("recurring prices", () => {
  it("force a subscription license with the billing interval", () => {
    expect(specOf({ short_code: "PRO" }, { recurring: { interval: "month", interval_count: 3 } })).toStrictEqual({
      ...MINIMAL_SPEC,
      licenseType: "subscription",
      billing: { interval: "month", intervalCount: 3 },
    });
  });

  it.each(["subscription", "consumption"] as const)("keep license_type %s", (licenseType) => {
    expect(specOf({ short_code: "PRO", license_type: licenseType }, { recurring: MONTHLY }).licenseType).toBe(licenseType);
  });

  it.each(["perpetual", "time-limited"])("reject license_type %s on the price", (licenseType) => {
    expect(issuesOf({ short_code: "PRO", license_type: licenseType }, { recurring: MONTHLY })).toEqual([
      {
        key: "license_type",
        value: licenseType,
        source: "price",
        message: `license_type: "${licenseType}" does not fit a recurring price; expected subscription or consumption, because recurring prices make subscription or consumption licenses (price metadata)`,
      },
    ]);
  });

  // The product's value is meant for its one-off prices.
  it.each(["perpetual", "time-limited"])("override license_type %s from the product silently", (licenseType) => {
    expect(specOf({ short_code: "PRO" }, { productMetadata: { license_type: licenseType }, recurring: MONTHLY }).licenseType).toBe(
      "subscription",
    );
  });

  it("still reject a license_type that is no license type at all", () => {
    expect(issuesOf({ short_code: "PRO" }, { productMetadata: { license_type: "yearly" }, recurring: MONTHLY })).toEqual([
      {
        key: "license_type",
        value: "yearly",
        source: "product",
        message: 'license_type: "yearly" is not a license type; expected perpetual, time-limited, subscription or consumption (product metadata)',
      },
    ]);
  });

  it.each([
    ["day", 7],
    ["week", 2],
    ["month", 1],
    ["year", 1],
  ] as const)("read interval %s every %d", (interval, intervalCount) => {
    expect(specOf({ short_code: "PRO" }, { recurring: { interval, interval_count: intervalCount } }).billing).toStrictEqual({
      interval,
      intervalCount,
    });
  });

  // The billing period is the duration; a valid_duration (even a malformed one) does not apply.
  it.each(["30d", "abc"])("drop valid_duration %j without an issue", (validDuration) => {
    const spec = specOf({ short_code: "PRO", valid_duration: validDuration }, { recurring: MONTHLY });
    expect(Object.hasOwn(spec, "validDuration")).toBe(false);
  });

  it.each<[unknown, string]>([
    [{ interval: "fortnight", interval_count: 1 }, 'interval "fortnight", interval_count 1'],
    [{ interval: "Month", interval_count: 1 }, 'interval "Month", interval_count 1'],
    [{ interval: "month", interval_count: 0 }, 'interval "month", interval_count 0'],
    [{ interval: "month", interval_count: 1.5 }, 'interval "month", interval_count 1.5'],
    [{ interval: "month", interval_count: "3" }, 'interval "month", interval_count "3"'],
    [{ interval: "month" }, 'interval "month", interval_count undefined'],
    [{ interval: ["month"], interval_count: null }, "interval an object, interval_count null"],
    ["monthly", '"monthly"'],
    [12, "12"],
    [Symbol("x"), "a symbol"],
  ])("reject recurring %p", (recurring, value) => {
    const issues = issuesOf({ short_code: "PRO" }, { recurring: recurring as MetadataInput["recurring"] });
    expect(issues).toEqual([
      { key: "recurring", value, source: "price", message: `recurring: ${value} is not a billing interval; ${RECURRING_EXPECTED}` },
    ]);
  });

  it("leave a one-off price's license_type as given, or absent", () => {
    expect(specOf({ short_code: "PRO", license_type: "perpetual" }, { recurring: null }).licenseType).toBe("perpetual");
    expect(Object.hasOwn(specOf({ short_code: "PRO" }, { recurring: undefined }), "licenseType")).toBe(false);
  });
});

describe("ignore flag", () => {
  it.each([
    ["ignore_product_in_licensespring", "price"],
    ["ignore_product", "price"],
    ["ignore_product_in_licensespring", "product"],
    ["ignore_product", "product"],
  ] as const)("%s=true on the %s ignores the price", (key, source) => {
    const flag = { [key]: "true" };
    const result =
      source === "price" ? parse({ short_code: "PRO", ...flag }) : parse({ short_code: "PRO" }, { productMetadata: flag });
    expect(result).toEqual({ kind: "ignored", key, source });
  });

  it("wins over metadata that is otherwise invalid", () => {
    expect(parse({ ignore_product: "true", max_activations: "abc", floating_cloud: "0" }, { recurring: { interval: "x", interval_count: 0 } })).toEqual({
      kind: "ignored",
      key: "ignore_product",
      source: "price",
    });
  });

  it.each(["false", "TRUE", "yes"])("does nothing for %j", (value) => {
    expect(parse({ short_code: "PRO", ignore_product_in_licensespring: value, ignore_product: value }).kind).toBe("spec");
  });

  // Both spellings are one setting, so the price's "false" overrides the product's "true".
  it("follows the price's own value over the product's", () => {
    expect(parse({ short_code: "PRO", ignore_product: "false" }, { productMetadata: { ignore_product_in_licensespring: "true" } }).kind).toBe(
      "spec",
    );
  });

  it("is not kept as an unknown key", () => {
    expect(specOf({ short_code: "PRO", ignore_product: "no" }).unknown).toStrictEqual({});
  });
});

describe("floating_cloud and max_activations", () => {
  it("accepts floating_cloud equal to max_activations", () => {
    const spec = specOf({ short_code: "PRO", max_activations: "3", floating_cloud: "3" });
    expect([spec.maxActivations, spec.floatingCloud]).toEqual([3, 3]);
  });

  it("rejects floating_cloud above max_activations, naming both", () => {
    expect(issuesOf({ short_code: "PRO", max_activations: "3" }, { productMetadata: { floating_cloud: "5" } })).toEqual([
      {
        key: "floating_cloud",
        value: "5",
        source: "product",
        message:
          'floating_cloud: "5" is more than max_activations "3"; expected at most max_activations (3), since every simultaneous user takes an activation (product metadata)',
      },
    ]);
  });
});

describe("floating_users_from_quantity", () => {
  const expected =
    "expected is_single_license=true and floating_cloud=1 with it, so the quantity sets the simultaneous users of one license (price metadata)";

  it("is accepted with is_single_license=true and floating_cloud=1", () => {
    expect(specOf({ short_code: "PRO", floating_users_from_quantity: "true", is_single_license: "true", floating_cloud: "1" })).toStrictEqual({
      ...MINIMAL_SPEC,
      isSingleLicense: true,
      floatingUsersFromQuantity: true,
      floatingCloud: 1,
    });
  });

  it.each<[Record<string, string>, string]>([
    [{ floating_cloud: "1" }, 'needs is_single_license "true" (it is not set)'],
    [{ floating_cloud: "1", is_single_license: "yes" }, 'needs is_single_license "true" (it is "yes")'],
    [{ is_single_license: "true", floating_cloud: "2" }, 'needs floating_cloud "1" (it is "2")'],
    [{}, 'needs is_single_license "true" (it is not set) and floating_cloud "1" (it is not set)'],
  ])("names what is missing with %j", (others, problem) => {
    expect(issuesOf({ short_code: "PRO", floating_users_from_quantity: "true", ...others })).toEqual([
      {
        key: "floating_users_from_quantity",
        value: "true",
        source: "price",
        message: `floating_users_from_quantity: "true" ${problem}; ${expected}`,
      },
    ]);
  });

  it("needs nothing when it is not true", () => {
    expect(specOf({ short_code: "PRO", floating_users_from_quantity: "false" }).floatingUsersFromQuantity).toBe(false);
  });
});

it("collects every issue, not just the first", () => {
  const issues = issuesOf(
    { max_activations: "abc", valid_duration: "20D", custom_field_: "x" },
    { productMetadata: { license_type: "lifetime" } },
  );
  expect(issues.map((i) => [i.key, i.source])).toEqual([
    ["short_code", "price"],
    ["license_type", "product"],
    ["max_activations", "price"],
    ["custom_field_", "price"],
    ["valid_duration", "price"],
  ]);
  expect(formatMetadataIssues(issues)).toBe(
    [
      `short_code is required; ${SHORT_CODE_EXPECTED}, as short_code or offering_sku (price metadata)`,
      'license_type: "lifetime" is not a license type; expected perpetual, time-limited, subscription or consumption (product metadata)',
      `max_activations: "abc" is not a whole number; ${COUNT_EXPECTED}`,
      `custom_field_: "x" has no field name in its key; expected custom_field_ followed by the custom field's name, e.g. custom_field_Serial (price metadata)`,
      `valid_duration: "20D" is not a duration; ${DURATION_EXPECTED}`,
    ].join("; "),
  );
});

describe("unusual inputs", () => {
  // Keys like these would read Object.prototype's members through a plain `metadata[key]`.
  it("keeps keys named after Object.prototype members as plain unknown keys", () => {
    const metadata = JSON.parse('{"short_code":"PRO","__proto__":"a","constructor":"b","toString":"c"}') as Record<string, string>;
    const spec = specOf(metadata);
    expect(Object.entries(spec.unknown)).toEqual([
      ["__proto__", "a"],
      ["constructor", "b"],
      ["toString", "c"],
    ]);
  });

  it("does not find short_code through the prototype chain", () => {
    const price = Object.create({ short_code: "INHERITED" }) as Record<string, string>;
    expect(parseLicenseMetadata({ priceMetadata: price })).toEqual({ kind: "unlicensed" });
  });

  it("skips values that are not text, which Stripe never sends", () => {
    const price = { short_code: "PRO", max_activations: 5, is_vendor: { nested: true } } as unknown as Record<string, string>;
    expect(specOf(price)).toStrictEqual(MINIMAL_SPEC);
  });
});
