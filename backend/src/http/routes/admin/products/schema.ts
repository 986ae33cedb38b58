import { z } from "@hono/zod-openapi";
import type { ProductRecord, ProductWithPolicies } from "../../../../catalog/records";
import { iso, pathParam, timestamp } from "../common-schema";
import { policyJson, PolicySchema } from "../policies/schema";

const Feature = z.strictObject({ code: z.string().openapi({ example: "export" }), name: z.string().openapi({ example: "Export" }) }).openapi("Feature");
const CustomField = z.strictObject({ name: z.string().openapi({ example: "Serial" }), defaultValue: z.string().openapi({ example: "111" }) }).openapi("CustomField");
const AuthorizationMethod = z.enum(["LICENSE_KEY", "USER"]).openapi({ description: "How licenses of the product are used: by license key, or by assigned users" });

export const ProductSchema = z
  .object({
    id: z.string(),
    shortCode: z.string().openapi({ example: "APP" }),
    name: z.string(),
    authorizationMethod: AuthorizationMethod,
    features: z.array(Feature),
    customFields: z.array(CustomField),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi("Product");

export const ProductWithPoliciesSchema = ProductSchema.extend({ policies: z.array(PolicySchema) }).openapi("ProductWithPolicies");

export const ProductCreateSchema = z
  .strictObject({
    shortCode: z.string().openapi({ description: "The short_code prices name the product by; it cannot change later", example: "APP" }),
    name: z.string().openapi({ example: "My App" }),
    authorizationMethod: AuthorizationMethod.optional(),
    features: z.array(Feature).optional(),
    customFields: z.array(CustomField).optional(),
  })
  .openapi("ProductCreate");

export const ProductUpdateSchema = z
  .strictObject({
    name: z.string().optional(),
    authorizationMethod: AuthorizationMethod.optional(),
    features: z.array(Feature).optional().openapi({ description: "Replaces the product's features" }),
    customFields: z.array(CustomField).optional().openapi({ description: "Replaces the product's custom fields" }),
  })
  .openapi("ProductUpdate");

export const ShortCodeParams = z.object({ shortCode: pathParam("shortCode", "APP") });

export const productJson = (p: ProductRecord): z.infer<typeof ProductSchema> => ({
  id: p.id,
  shortCode: p.shortCode,
  name: p.name,
  authorizationMethod: p.authorizationMethod,
  features: p.features,
  customFields: p.customFields,
  createdAt: iso(p.createdAt),
  updatedAt: iso(p.updatedAt),
});

export const productWithPoliciesJson = (p: ProductWithPolicies): z.infer<typeof ProductWithPoliciesSchema> => ({
  ...productJson(p),
  policies: p.policies.map(policyJson),
});
