import { z } from "@hono/zod-openapi";
import type { BundleRecord } from "../../../../catalog/records";
import { iso, pathParam, timestamp } from "../common-schema";

const members = z.array(z.string()).openapi({ description: "Short codes of the member products", example: ["APP", "TOOL"] });

export const BundleSchema = z
  .object({ id: z.string(), code: z.string().openapi({ example: "SUITE" }), name: z.string(), members, createdAt: timestamp, updatedAt: timestamp })
  .openapi("Bundle");

export const BundleCreateSchema = z
  .strictObject({
    code: z.string().openapi({ description: "The short_code prices name the bundle by; no product may use it", example: "SUITE" }),
    name: z.string().openapi({ example: "The Suite" }),
    members,
  })
  .openapi("BundleCreate");

export const BundleUpdateSchema = z
  .strictObject({ name: z.string().optional(), members: members.optional().openapi({ description: "Replaces the member products" }) })
  .openapi("BundleUpdate");

export const BundleParams = z.object({ code: pathParam("code", "SUITE") });

export const bundleJson = (b: BundleRecord): z.infer<typeof BundleSchema> => ({
  id: b.id,
  code: b.code,
  name: b.name,
  members: b.members,
  createdAt: iso(b.createdAt),
  updatedAt: iso(b.updatedAt),
});
