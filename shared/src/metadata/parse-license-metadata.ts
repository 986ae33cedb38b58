import { missingIssue, valueIssue } from "./issues";
import { CUSTOM_FIELD_PREFIX, isKnownKey, METADATA_KEYS as K } from "./keys";
import type { BillingInterval, LicenseSpec, MetadataIssue } from "./license-spec";
import { parseRecurring } from "./recurring";
import { MetadataSources, type MetadataSource, type SourcedValue } from "./sources";
import {
  DURATION_RULE,
  FEATURE_SETS_RULE,
  LICENSE_TYPE_RULE,
  nonEmptyText,
  wholeNumber,
  type ValueRule,
} from "./value-rules";

export interface MetadataInput {
  priceMetadata: Record<string, string>;
  /** Fallback for each key the price does not set. */
  productMetadata?: Record<string, string> | null;
  /** The Stripe price's `recurring`; null or absent for a one-off price. */
  recurring?: { interval: string; interval_count: number } | null;
}

export type MetadataParseResult =
  | { kind: "spec"; spec: LicenseSpec }
  | { kind: "ignored"; key: string; source: MetadataSource }
  /** Neither the price nor its product has any of Tessera's keys: it sells something else (a T-shirt). */
  | { kind: "unlicensed" }
  | { kind: "invalid"; issues: MetadataIssue[] };

const SHORT_CODE = nonEmptyText("the short code of a product or bundle");
const LICENSE_POLICY = nonEmptyText("a license policy code");
const COUNT = wholeNumber(1, 1_000_000);
const ADDED_DAYS = wholeNumber(0, 3650);
const VERSION = wholeNumber(0, 1_000_000);

interface Parsed<T> {
  value: T;
  found: SourcedValue;
}

/**
 * Turns a price's metadata (its product's as fallback) into a LicenseSpec, or every reason it
 * cannot. Never throws: invalid metadata must become a recorded, replayable failure.
 */
export function parseLicenseMetadata(input: MetadataInput): MetadataParseResult {
  const sources = new MetadataSources(input.priceMetadata, input.productMetadata);

  // Checked first: an ignored price may carry metadata meant for another tool.
  const ignoreFlag = sources.find([K.ignoreProductInLicensespring, K.ignoreProduct]).find((f) => f.value === "true");
  if (ignoreFlag) return { kind: "ignored", key: ignoreFlag.key, source: ignoreFlag.source };
  if (!sources.all().some((found) => isKnownKey(found.key))) return { kind: "unlicensed" };

  const issues: MetadataIssue[] = [];
  const check = <T>(found: SourcedValue, rule: ValueRule<T>): Parsed<T> | undefined => {
    const result = rule.schema.safeParse(found.value);
    if (result.success) return { value: result.data, found };
    issues.push(valueIssue(found, result.error.issues.map((i) => i.message).join(" and "), rule.expected));
    return undefined;
  };
  const read = <T>(key: string, rule: ValueRule<T>): Parsed<T> | undefined => {
    const found = sources.get(key);
    return found && check(found, rule);
  };
  // Seed 004: only `true` is true; any other value means false rather than a mistake.
  const flag = (key: string): boolean | undefined => {
    const found = sources.get(key);
    return found && found.value === "true";
  };

  const shortCode = readShortCode(sources, issues, check);

  const isRecurring = input.recurring !== null && input.recurring !== undefined;
  let billing: BillingInterval | undefined;
  if (isRecurring) {
    const recurring = parseRecurring(input.recurring);
    if (recurring.ok) billing = recurring.billing;
    else issues.push(recurring.issue);
  }

  const requestedType = read(K.licenseType, LICENSE_TYPE_RULE);
  let licenseType = requestedType?.value;
  if (isRecurring) {
    licenseType = licenseType === "consumption" ? "consumption" : "subscription";
    // A product may sell one-off and recurring prices, so only the price's own value contradicts it.
    const contradicts = requestedType?.value === "perpetual" || requestedType?.value === "time-limited";
    if (requestedType && contradicts && requestedType.found.source === "price") {
      issues.push(
        valueIssue(
          requestedType.found,
          "does not fit a recurring price",
          "subscription or consumption, because recurring prices make subscription or consumption licenses",
        ),
      );
    }
  }

  const maxActivations = read(K.maxActivations, COUNT);
  const floatingCloud = read(K.floatingCloud, COUNT);
  if (maxActivations && floatingCloud && floatingCloud.value > maxActivations.value) {
    issues.push(
      valueIssue(
        floatingCloud.found,
        `is more than max_activations ${JSON.stringify(maxActivations.found.value)}`,
        `at most max_activations (${maxActivations.value}), since every simultaneous user takes an activation`,
      ),
    );
  }

  const isSingleLicense = flag(K.isSingleLicense) ?? false;
  const quantityFlag = sources.get(K.floatingUsersFromQuantity);
  const floatingUsersFromQuantity = quantityFlag?.value === "true";
  if (quantityFlag && floatingUsersFromQuantity) {
    const missing: string[] = [];
    if (!isSingleLicense) missing.push(`is_single_license "true" (${describeSetting(sources.get(K.isSingleLicense))})`);
    if (floatingCloud?.value !== 1) missing.push(`floating_cloud "1" (${describeSetting(sources.get(K.floatingCloud))})`);
    if (missing.length > 0) {
      issues.push(
        valueIssue(
          quantityFlag,
          `needs ${missing.join(" and ")}`,
          "is_single_license=true and floating_cloud=1 with it, so the quantity sets the simultaneous users of one license",
        ),
      );
    }
  }

  const customFields: Array<[string, string]> = [];
  const unknown: Array<[string, string]> = [];
  for (const entry of sources.all()) {
    if (entry.key.startsWith(CUSTOM_FIELD_PREFIX)) {
      const name = entry.key.slice(CUSTOM_FIELD_PREFIX.length);
      if (name === "") {
        issues.push(valueIssue(entry, "has no field name in its key", `${CUSTOM_FIELD_PREFIX} followed by the custom field's name, e.g. ${CUSTOM_FIELD_PREFIX}Serial`));
      } else {
        customFields.push([name, entry.value]);
      }
    } else if (!isKnownKey(entry.key)) {
      unknown.push([entry.key, entry.raw]);
    }
  }

  const overrides = withoutUndefined({
    licensePolicy: read(K.licensePolicy, LICENSE_POLICY)?.value,
    licenseType,
    // A recurring price's license runs for its billing period, so valid_duration is not read at all.
    validDuration: isRecurring ? undefined : read(K.validDuration, DURATION_RULE)?.value,
    enableMaintenanceDuration: flag(K.enableMaintenanceDuration),
    maintenanceDuration: read(K.maintenanceDuration, DURATION_RULE)?.value,
    unpaidActiveLicensePeriod: read(K.unpaidActiveLicensePeriod, DURATION_RULE)?.value,
    maxActivations: maxActivations?.value,
    floatingCloud: floatingCloud?.value,
    maxLicenseUsers: read(K.maxLicenseUsers, COUNT)?.value,
    isLicenseManager: flag(K.isLicenseManager),
    assignCustomerAsUser: flag(K.assignCustomerAsUser),
    addedDays: read(K.addedDays, ADDED_DAYS)?.value,
    featureSets: read(K.isFeatures, FEATURE_SETS_RULE)?.value,
    majorVersion: read(K.isMajorVersion, VERSION)?.value,
    minorVersion: read(K.isMinorVersion, VERSION)?.value,
    billing,
  });

  if (issues.length > 0 || shortCode === undefined) return { kind: "invalid", issues };
  return {
    kind: "spec",
    spec: {
      shortCode,
      isSingleLicense,
      floatingUsersFromQuantity,
      isProductBundle: flag(K.isProductBundle) ?? false,
      customFields: Object.fromEntries(customFields),
      unknown: Object.fromEntries(unknown),
      ...overrides,
    },
  };
}

/** `short_code` or its alias `offering_sku`, which must agree when one source sets both. */
function readShortCode(
  sources: MetadataSources,
  issues: MetadataIssue[],
  check: (found: SourcedValue, rule: ValueRule<string>) => Parsed<string> | undefined,
): string | undefined {
  const found = sources.find([K.shortCode, K.offeringSku]);
  if (found.length === 0) {
    issues.push(missingIssue(K.shortCode, `${SHORT_CODE.expected}, as short_code or offering_sku`));
    return undefined;
  }
  // `find` keeps the order asked for, so with both keys set the alias comes second.
  const [code, alias] = found.map((f) => check(f, SHORT_CODE));
  if (code && alias && code.value !== alias.value) {
    issues.push(
      valueIssue(
        alias.found,
        `disagrees with short_code ${JSON.stringify(code.value)}`,
        "the same code as short_code, or only one of the two",
      ),
    );
  }
  return code?.value;
}

function describeSetting(found: SourcedValue | undefined): string {
  return found ? `it is ${JSON.stringify(found.value)}` : "it is not set";
}

/** Absent overrides are left out rather than set to undefined, so `{ ...policy, ...spec }` keeps the policy's value. */
function withoutUndefined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
