import { z } from "@hono/zod-openapi";
import { LICENSE_TYPES } from "@tessera/shared";
import { licenseTypeFromDb } from "../../../../db/columns";
import type { LicenseUser } from "../../../../generated/prisma/client";
import type { LicenseDetailRow, LicenseSummaryRow } from "../../../../license-management/find-licenses";
import { iso, isoOrNull, pathParam, timestamp } from "../common-schema";

const nullableTimestamp = timestamp.nullable();

export const LicenseSchema = z
  .object({
    id: z.string(),
    key: z.string().openapi({ example: "7K2QF-9XH3M-P4RTV-C8WNJ" }),
    status: z.enum(["ACTIVE", "DISABLED"]),
    manuallyDisabled: z.boolean().openapi({ description: "Disabled by a person: automatic changes never re-enable it" }),
    disabledReason: z.string().nullable(),
    licenseType: z.enum(LICENSE_TYPES),
    product: z.string().nullable().openapi({ description: "Product short code; null for the license of a bundle itself" }),
    policy: z.string().nullable(),
    bundle: z.string().nullable(),
    bundleMember: z.string().nullable().openapi({ description: "For a bundle's member license, the member product's short code" }),
    customer: z.object({ stripeCustomerId: z.string(), email: z.string().nullable() }).nullable(),
    maxActivations: z.int(),
    floatingUsers: z.int().nullable(),
    maxLicenseUsers: z.int().nullable(),
    consumptionUsed: z.int(),
    maxConsumptions: z.int().nullable(),
    expiresAt: nullableTimestamp,
    maintenanceUntil: nullableTimestamp,
    graceUntil: nullableTimestamp,
    stripe: z.object({
      subscription: z.string().nullable(),
      subscriptionItem: z.string().nullable(),
      invoice: z.string().nullable(),
      checkoutSession: z.string().nullable(),
      paymentIntent: z.string().nullable(),
      price: z.string().nullable(),
    }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi("License");

export const LicenseUserSchema = z.object({ email: z.string(), isManager: z.boolean(), createdAt: timestamp }).openapi("LicenseUser");

const HistoryEntrySchema = z
  .object({
    type: z.string().openapi({ example: "DISABLED" }),
    causeType: z.enum(["STRIPE_EVENT", "DASHBOARD_USER", "ADMIN_API", "LICENSE_API", "SYSTEM"]),
    causeId: z.string().nullable().openapi({ description: "Stripe event id, user id or API key id" }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
    createdAt: timestamp,
  })
  .openapi("LicenseHistoryEntry");

export const LicenseDetailSchema = LicenseSchema.extend({
  spec: z.record(z.string(), z.unknown()).openapi({ description: "The resolved spec the license was made with (or last moved to)" }),
  activeActivations: z.int(),
  users: z.array(LicenseUserSchema),
  history: z.array(HistoryEntrySchema).openapi({ description: "Every change, oldest first" }),
}).openapi("LicenseDetail");

export const LicenseQuery = z.object({
  key: z.string().optional().openapi({ description: "License key" }),
  customer: z.string().optional().openapi({ description: "Stripe customer id", example: "cus_123" }),
  subscription: z.string().optional().openapi({ description: "Stripe subscription id", example: "sub_123" }),
  payment_intent: z.string().optional().openapi({ description: "Stripe payment intent id", example: "pi_123" }),
});

export const LicenseParams = z.object({ id: pathParam("id", "0b5b2a9e-6f1e-4c1e-9a57-2f0c3f3f8c11") });

export const ReasonSchema = z.strictObject({ reason: z.string().trim().min(1).openapi({ example: "Chargeback under review" }) }).openapi("StatusChange");

export const licenseUserJson = (u: Pick<LicenseUser, "email" | "isManager" | "createdAt">): z.infer<typeof LicenseUserSchema> => ({ email: u.email, isManager: u.isManager, createdAt: iso(u.createdAt) });

export function licenseJson(l: LicenseSummaryRow): z.infer<typeof LicenseSchema> {
  return {
    id: l.id,
    key: l.key,
    status: l.status,
    manuallyDisabled: l.manuallyDisabled,
    disabledReason: l.disabledReason,
    licenseType: licenseTypeFromDb(l.licenseType),
    product: l.product?.shortCode ?? null,
    policy: l.policy?.code ?? null,
    bundle: l.bundle?.code ?? null,
    bundleMember: l.bundleMemberCode || null,
    customer: l.customer,
    maxActivations: l.maxActivations,
    floatingUsers: l.floatingUsers,
    maxLicenseUsers: l.maxLicenseUsers,
    consumptionUsed: l.consumptionUsed,
    maxConsumptions: l.maxConsumptions,
    expiresAt: isoOrNull(l.expiresAt),
    maintenanceUntil: isoOrNull(l.maintenanceUntil),
    graceUntil: isoOrNull(l.graceUntil),
    stripe: {
      subscription: l.stripeSubscriptionId,
      subscriptionItem: l.stripeSubscriptionItemId,
      invoice: l.stripeInvoiceId,
      checkoutSession: l.stripeCheckoutSessionId,
      paymentIntent: l.stripePaymentIntentId,
      price: l.stripePriceId,
    },
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
  };
}

export function licenseDetailJson(l: LicenseDetailRow): z.infer<typeof LicenseDetailSchema> {
  return {
    ...licenseJson(l),
    spec: l.spec as Record<string, unknown>,
    activeActivations: l._count.activations,
    users: l.users.map(licenseUserJson),
    history: l.history.map((h) => ({
      type: h.type,
      causeType: h.causeType,
      causeId: h.causeId,
      message: h.message,
      details: h.details as Record<string, unknown>,
      createdAt: iso(h.createdAt),
    })),
  };
}
