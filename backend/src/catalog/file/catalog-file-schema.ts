import { LICENSE_TYPES } from "@tessera/shared";
import { z } from "zod";

// catalog.yaml as vendors write it: snake_case keys, named like the price metadata keys where one exists.
// Only the shape is checked here; what values mean is for the same rules the admin API uses (../rules).

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

/** Messages complete `<path>: …`; a missing key is "is required", a wrong value says what it should be. */
const expecting = (what: string) => ({
  error: (issue: { code?: string; input?: unknown }) => {
    if (issue.code === "unrecognized_keys") return undefined;
    if (issue.input === undefined) return "is required";
    if (what === "text" && (typeof issue.input === "number" || typeof issue.input === "boolean")) {
      return `${shown(issue.input)} is not text; put it in quotes, e.g. "${String(issue.input)}"`;
    }
    return `${shown(issue.input)} is not ${what}`;
  },
});

const text = z.string(expecting("text"));
const flag = z.boolean(expecting("true or false"));
const whole = z.int(expecting("a whole number"));
// YAML reads `default: 111` as a number; a custom field value is text either way.
const fieldValue = z.union([z.string(), z.number(), z.boolean()], expecting("text")).transform(String);
// `valid_duration: 30` is read as a number, and deserves the duration message rather than a type error.
const duration = z.union([z.string(), z.number()], expecting("a duration like 30d or 1y")).transform(String);
const list = <T extends z.ZodType>(item: T) => z.array(item, expecting("a list"));
const mapping = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape, expecting("a mapping of keys to values"));

const feature = mapping({ code: text, name: text });
const customField = mapping({ name: text, default: fieldValue.optional() });

const policy = mapping({
  code: text,
  name: text,
  default: flag.optional(),
  license_type: z.enum(LICENSE_TYPES, expecting("a license type (perpetual, time-limited, subscription or consumption)")).optional(),
  valid_duration: duration.optional(),
  max_activations: whole.optional(),
  floating_cloud: whole.optional(),
  enable_maintenance_duration: flag.optional(),
  maintenance_duration: duration.optional(),
  max_license_users: whole.optional(),
  is_license_manager: flag.optional(),
  assign_customer_as_user: flag.optional(),
  unpaid_active_license_period: duration.optional(),
  added_days: whole.optional(),
  max_consumptions: whole.optional(),
  features: list(text).optional(),
  custom_fields: z.record(z.string(), fieldValue, expecting("a mapping of custom field names to values")).optional(),
});

const product = mapping({
  short_code: text,
  name: text,
  authorization_method: z.enum(["LICENSE_KEY", "USER"], expecting("LICENSE_KEY or USER")).optional(),
  features: list(feature).optional(),
  custom_fields: list(customField).optional(),
  policies: list(policy).optional(),
});

const bundle = mapping({ code: text, name: text, products: list(text) });

export const catalogFileSchema = mapping({ products: list(product).optional(), bundles: list(bundle).optional() });

export type CatalogFile = z.output<typeof catalogFileSchema>;
export type PolicyFileEntry = z.output<typeof policy>;
