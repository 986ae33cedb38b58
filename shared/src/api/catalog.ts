import { z } from "zod";
import { LICENSE_TYPES } from "../metadata/license-spec";
import { Timestamp } from "./common";

// The catalog as vendors edit it (admin API, Stripe App settings, catalog.yaml). Field names follow the
// Policy model; values follow the price metadata (license types, N[d|w|m|y]). In an update, null clears
// a term and a missing key leaves it.

const Feature = z.strictObject({ code: z.string().meta({ example: "export" }), name: z.string().meta({ example: "Export" }) }).meta({ id: "Feature" });
const CustomField = z
  .strictObject({ name: z.string().meta({ example: "Serial" }), defaultValue: z.string().meta({ example: "111" }) })
  .meta({ id: "CustomField" });
export const AUTHORIZATION_METHODS = ["LICENSE_KEY", "USER"] as const;
const AuthorizationMethod = z
  .enum(AUTHORIZATION_METHODS)
  .meta({ description: "How licenses of the product are used: by license key, or by assigned users" });

const duration = z.string().meta({ description: "N followed by d, w, m or y, e.g. 30d or 1y", example: "1y" });

const terms = {
  name: z.string().meta({ example: "Standard" }),
  licenseType: z.enum(LICENSE_TYPES).nullable(),
  validDuration: duration.nullable(),
  maxActivations: z.int().nullable().meta({ example: 3 }),
  floatingCloud: z.int().nullable().meta({ description: "Simultaneous users of a floating cloud license; at most maxActivations" }),
  enableMaintenance: z.boolean().nullable(),
  maintenanceDuration: duration.nullable(),
  maxLicenseUsers: z.int().nullable().meta({ description: "Only for products with USER authorization" }),
  isLicenseManager: z.boolean().nullable(),
  assignCustomerAsUser: z.boolean().nullable().meta({ description: "Only for products with USER authorization" }),
  unpaidActiveLicensePeriod: duration.nullable(),
  addedDays: z.int().nullable(),
  maxConsumptions: z.int().nullable(),
  features: z.array(z.string()).meta({ description: "Feature codes of the product" }),
  customFields: z.record(z.string(), z.string()).meta({ description: "Custom field name → value; names must be custom fields of the product" }),
};

const optionalTerms = Object.fromEntries(Object.entries(terms).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof terms]: z.ZodOptional<(typeof terms)[K]>;
};

export const Policy = z
  .object({ id: z.string(), product: z.string(), code: z.string(), isDefault: z.boolean(), ...terms, createdAt: Timestamp, updatedAt: Timestamp })
  .meta({ id: "Policy" });
export type Policy = z.infer<typeof Policy>;

export const PolicyCreate = z
  .strictObject({
    ...optionalTerms,
    code: z.string().meta({ example: "std" }),
    name: terms.name,
    isDefault: z.boolean().optional().meta({ description: "Makes this the product's default, unsetting the previous one; a product's first policy is its default" }),
  })
  .meta({ id: "PolicyCreate" });
export type PolicyCreate = z.infer<typeof PolicyCreate>;

export const PolicyUpdate = z
  .strictObject({ ...optionalTerms, isDefault: z.literal(true).optional().meta({ description: "Makes this the product's default, unsetting the previous one" }) })
  .meta({ id: "PolicyUpdate" });
export type PolicyUpdate = z.infer<typeof PolicyUpdate>;

export const Product = z
  .object({
    id: z.string(),
    shortCode: z.string().meta({ example: "APP" }),
    name: z.string(),
    authorizationMethod: AuthorizationMethod,
    features: z.array(Feature),
    customFields: z.array(CustomField),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Product" });
export type Product = z.infer<typeof Product>;

export const ProductWithPolicies = Product.extend({ policies: z.array(Policy) }).meta({ id: "ProductWithPolicies" });
export type ProductWithPolicies = z.infer<typeof ProductWithPolicies>;

export const ProductCreate = z
  .strictObject({
    shortCode: z.string().meta({ description: "The short_code prices name the product by; it cannot change later", example: "APP" }),
    name: z.string().meta({ example: "My App" }),
    authorizationMethod: AuthorizationMethod.optional(),
    features: z.array(Feature).optional(),
    customFields: z.array(CustomField).optional(),
  })
  .meta({ id: "ProductCreate" });
export type ProductCreate = z.infer<typeof ProductCreate>;

export const ProductUpdate = z
  .strictObject({
    name: z.string().optional(),
    authorizationMethod: AuthorizationMethod.optional(),
    features: z.array(Feature).optional().meta({ description: "Replaces the product's features" }),
    customFields: z.array(CustomField).optional().meta({ description: "Replaces the product's custom fields" }),
  })
  .meta({ id: "ProductUpdate" });
export type ProductUpdate = z.infer<typeof ProductUpdate>;

const members = z.array(z.string()).meta({ description: "Short codes of the member products", example: ["APP", "TOOL"] });

export const Bundle = z
  .object({ id: z.string(), code: z.string().meta({ example: "SUITE" }), name: z.string(), members, createdAt: Timestamp, updatedAt: Timestamp })
  .meta({ id: "Bundle" });
export type Bundle = z.infer<typeof Bundle>;

export const BundleCreate = z
  .strictObject({
    code: z.string().meta({ description: "The short_code prices name the bundle by; no product may use it", example: "SUITE" }),
    name: z.string().meta({ example: "The Suite" }),
    members,
  })
  .meta({ id: "BundleCreate" });
export type BundleCreate = z.infer<typeof BundleCreate>;

export const BundleUpdate = z
  .strictObject({ name: z.string().optional(), members: members.optional().meta({ description: "Replaces the member products" }) })
  .meta({ id: "BundleUpdate" });
export type BundleUpdate = z.infer<typeof BundleUpdate>;

/** The whole catalog of an account, for the settings view. */
export const Catalog = z.object({ products: z.array(ProductWithPolicies), bundles: z.array(Bundle) }).meta({ id: "Catalog" });
export type Catalog = z.infer<typeof Catalog>;
