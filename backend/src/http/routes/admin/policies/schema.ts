import { z } from "@hono/zod-openapi";
import { LICENSE_TYPES } from "@tessera/shared";
import type { PolicyRecord } from "../../../../catalog/records";
import { iso, pathParam, timestamp } from "../common-schema";

// Field names follow the Policy model; values follow the price metadata (license types, N[d|w|m|y]).
// In an update, null clears a term and a missing key leaves it.

const duration = z.string().openapi({ description: "N followed by d, w, m or y, e.g. 30d or 1y", example: "1y" });

const terms = {
  name: z.string().openapi({ example: "Standard" }),
  licenseType: z.enum(LICENSE_TYPES).nullable(),
  validDuration: duration.nullable(),
  maxActivations: z.int().nullable().openapi({ example: 3 }),
  floatingCloud: z.int().nullable().openapi({ description: "Simultaneous users of a floating cloud license; at most maxActivations" }),
  enableMaintenance: z.boolean().nullable(),
  maintenanceDuration: duration.nullable(),
  maxLicenseUsers: z.int().nullable().openapi({ description: "Only for products with USER authorization" }),
  isLicenseManager: z.boolean().nullable(),
  assignCustomerAsUser: z.boolean().nullable().openapi({ description: "Only for products with USER authorization" }),
  unpaidActiveLicensePeriod: duration.nullable(),
  addedDays: z.int().nullable(),
  maxConsumptions: z.int().nullable(),
  features: z.array(z.string()).openapi({ description: "Feature codes of the product" }),
  customFields: z.record(z.string(), z.string()).openapi({ description: "Custom field name → value; names must be custom fields of the product" }),
};

const optionalTerms = Object.fromEntries(Object.entries(terms).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof terms]: z.ZodOptional<(typeof terms)[K]>;
};

export const PolicySchema = z
  .object({ id: z.string(), product: z.string(), code: z.string(), isDefault: z.boolean(), ...terms, createdAt: timestamp, updatedAt: timestamp })
  .openapi("Policy");

export const PolicyCreateSchema = z
  .strictObject({
    ...optionalTerms,
    code: z.string().openapi({ example: "std" }),
    name: terms.name,
    isDefault: z.boolean().optional().openapi({ description: "Makes this the product's default, unsetting the previous one; a product's first policy is its default" }),
  })
  .openapi("PolicyCreate");

export const PolicyUpdateSchema = z
  .strictObject({ ...optionalTerms, isDefault: z.literal(true).optional().openapi({ description: "Makes this the product's default, unsetting the previous one" }) })
  .openapi("PolicyUpdate");

export const PolicyParams = z.object({ shortCode: pathParam("shortCode", "APP"), code: pathParam("code", "std") });

export const policyJson = (p: PolicyRecord): z.infer<typeof PolicySchema> => ({
  ...p,
  createdAt: iso(p.createdAt),
  updatedAt: iso(p.updatedAt),
});
