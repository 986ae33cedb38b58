import type { LicenseDetail, LicenseSummary } from "@tessera/shared";
import { licenseTypeFromDb, type LicenseTypeDb } from "../db/columns";
import type { LicenseListRow } from "../db/licenses/license-listing";
import type { LicenseDetailRow } from "./find-licenses";

// Licenses as every API shows them: the shared DTOs of @tessera/shared, which the Stripe App reads too.

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function licenseSummaryOf(l: LicenseListRow): LicenseSummary {
  return {
    id: l.id,
    key: l.key,
    status: l.status,
    manuallyDisabled: l.manuallyDisabled,
    disabledReason: l.disabledReason,
    licenseType: licenseTypeFromDb(l.licenseType as LicenseTypeDb),
    product: l.productCode,
    productName: l.productName,
    policy: l.policyCode,
    bundle: l.bundleCode,
    bundleMember: l.bundleMemberCode || null,
    customer: l.stripeCustomerId ? { stripeCustomerId: l.stripeCustomerId, email: l.customerEmail } : null,
    stripeEntitlements: l.stripeEntitlements,
    maxActivations: l.maxActivations,
    activationsUsed: l.activationsUsed,
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

/** A License row as Prisma reads it with the relations a summary names. */
export interface LicenseRecord extends Omit<LicenseListRow, "productCode" | "productName" | "policyCode" | "bundleCode" | "stripeCustomerId" | "customerEmail" | "stripeEntitlements" | "activationsUsed"> {
  product: { shortCode: string; name: string } | null;
  policy: { code: string } | null;
  bundle: { code: string } | null;
  customer: { stripeCustomerId: string; email: string | null; entitlementFeatures: string[] } | null;
}

/** The summary of a license read by Prisma; `activationsUsed` is the caller's count of live machines. */
export function licenseSummaryOfRecord(l: LicenseRecord, activationsUsed: number): LicenseSummary {
  return licenseSummaryOf({
    ...l,
    productCode: l.product?.shortCode ?? null,
    productName: l.product?.name ?? null,
    policyCode: l.policy?.code ?? null,
    bundleCode: l.bundle?.code ?? null,
    stripeCustomerId: l.customer?.stripeCustomerId ?? null,
    customerEmail: l.customer?.email ?? null,
    stripeEntitlements: l.customer?.entitlementFeatures ?? [],
    activationsUsed,
  });
}

interface SpecFacts {
  features?: string[];
  customFields?: Record<string, string>;
}

export function licenseDetailOf(l: LicenseDetailRow, now = new Date()): LicenseDetail {
  const live = l.activations.filter((a) => a.leaseExpiresAt === null || a.leaseExpiresAt > now);
  const spec = l.spec as Record<string, unknown> & SpecFacts;
  return {
    ...licenseSummaryOfRecord(l, live.length),
    spec,
    features: spec.features ?? [],
    customFields: spec.customFields ?? {},
    activeActivations: live.length,
    activations: live.map((a) => ({
      id: a.id,
      fingerprint: a.fingerprint,
      name: a.name,
      platform: a.platform,
      createdAt: iso(a.createdAt),
      lastSeenAt: iso(a.lastSeenAt),
      leaseExpiresAt: isoOrNull(a.leaseExpiresAt),
    })),
    users: l.users.map((u) => ({ email: u.email, isManager: u.isManager, createdAt: iso(u.createdAt) })),
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
