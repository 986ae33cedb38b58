import { z } from "zod";
import { LICENSE_TYPES } from "../metadata/license-spec";
import { PageQuery, pageOf, Timestamp } from "./common";

export const LICENSE_STATUSES = ["ACTIVE", "DISABLED"] as const;
export const CAUSE_TYPES = ["STRIPE_EVENT", "DASHBOARD_USER", "ADMIN_API", "LICENSE_API", "SYSTEM"] as const;

const nullableTimestamp = Timestamp.nullable();

/** A license as listings show it. */
export const LicenseSummary = z
  .object({
    id: z.string(),
    key: z.string().meta({ example: "7K2QF-9XH3M-P4RTV-C8WNJ" }),
    status: z.enum(LICENSE_STATUSES),
    manuallyDisabled: z.boolean().meta({ description: "Disabled by a person: automatic changes never re-enable it" }),
    disabledReason: z.string().nullable(),
    licenseType: z.enum(LICENSE_TYPES),
    product: z.string().nullable().meta({ description: "Product short code; null for the license of a bundle itself" }),
    productName: z.string().nullable(),
    policy: z.string().nullable(),
    bundle: z.string().nullable(),
    bundleMember: z.string().nullable().meta({ description: "For a bundle's member license, the member product's short code" }),
    customer: z.object({ stripeCustomerId: z.string(), email: z.string().nullable() }).nullable(),
    stripeEntitlements: z.array(z.string()).meta({
      description: "Lookup keys of the customer's active Stripe Entitlements (features modelled in Stripe), as the newest summary said",
      example: ["export", "sso"],
    }),
    maxActivations: z.int(),
    activationsUsed: z.int().meta({ description: "Machines activated now (floating leases that lapsed not counted)" }),
    floatingUsers: z.int().nullable(),
    maxLicenseUsers: z.int().nullable(),
    consumptionUsed: z.int(),
    maxConsumptions: z.int().nullable(),
    expiresAt: nullableTimestamp,
    maintenanceUntil: nullableTimestamp,
    graceUntil: nullableTimestamp.meta({ description: "Set while the subscription is unpaid: the license works until then" }),
    stripe: z.object({
      subscription: z.string().nullable(),
      subscriptionItem: z.string().nullable(),
      invoice: z.string().nullable(),
      checkoutSession: z.string().nullable(),
      paymentIntent: z.string().nullable(),
      price: z.string().nullable(),
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "License" });
export type LicenseSummary = z.infer<typeof LicenseSummary>;

export const LicenseUser = z.object({ email: z.string(), isManager: z.boolean(), createdAt: Timestamp }).meta({ id: "LicenseUser" });
export type LicenseUser = z.infer<typeof LicenseUser>;

/** A machine the license is activated on. */
export const Activation = z
  .object({
    id: z.string(),
    fingerprint: z.string(),
    name: z.string().nullable(),
    platform: z.string().nullable(),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    leaseExpiresAt: nullableTimestamp.meta({ description: "Floating licenses: the seat is freed at this time without a heartbeat" }),
  })
  .meta({ id: "Activation" });
export type Activation = z.infer<typeof Activation>;

export const HistoryEntry = z
  .object({
    type: z.string().meta({ example: "DISABLED" }),
    causeType: z.enum(CAUSE_TYPES),
    causeId: z.string().nullable().meta({ description: "Stripe event id, dashboard user id, API key id" }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
    createdAt: Timestamp,
  })
  .meta({ id: "LicenseHistoryEntry" });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A license with everything about it: the spec it was made with, machines, users and every change. */
export const LicenseDetail = LicenseSummary.extend({
  spec: z.record(z.string(), z.unknown()).meta({ description: "The resolved spec the license was made with (or last moved to)" }),
  features: z.array(z.string()),
  customFields: z.record(z.string(), z.string()),
  activeActivations: z.int(),
  activations: z.array(Activation).meta({ description: "Machines activated now" }),
  users: z.array(LicenseUser),
  history: z.array(HistoryEntry).meta({ description: "Every change, oldest first" }),
}).meta({ id: "LicenseDetail" });
export type LicenseDetail = z.infer<typeof LicenseDetail>;

/**
 * Filters of a license listing; all given ones must match. Without any, the account's licenses, newest
 * first; with subscription, payment_intent, customer or key, in the order they were made (unit order).
 */
export const LicenseFilters = z.object({
  key: z.string().optional().meta({ description: "A whole license key" }),
  key_prefix: z.string().min(1).optional().meta({ description: "The start of a key, e.g. 7K2QF" }),
  customer: z.string().optional().meta({ description: "Stripe customer id", example: "cus_123" }),
  email: z.string().optional().meta({ description: "Customer email (any case)" }),
  subscription: z.string().optional().meta({ description: "Stripe subscription id", example: "sub_123" }),
  payment_intent: z.string().optional().meta({ description: "Stripe payment intent id", example: "pi_123" }),
  status: z.enum(LICENSE_STATUSES).optional(),
  product: z.string().optional().meta({ description: "Product (or bundle) short code" }),
  order: z.enum(["asc", "desc"]).optional().meta({ description: "asc: oldest first; desc: newest first (default depends on the filters)" }),
});
export type LicenseFilters = z.infer<typeof LicenseFilters>;

export const LicenseListQuery = LicenseFilters.extend(PageQuery.shape);
export type LicenseListQuery = z.infer<typeof LicenseListQuery>;

export const LicensePage = pageOf(LicenseSummary).meta({ id: "LicensePage" });
export type LicensePage = z.infer<typeof LicensePage>;

/** Enable or disable by hand; the reason is written to the license's history. */
export const StatusChange = z.object({ reason: z.string().trim().min(1).max(500).optional() });
export type StatusChange = z.infer<typeof StatusChange>;
