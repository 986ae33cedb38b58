import { Prisma } from "../../generated/prisma/client";
import type { Sql } from "../sql";

// Listings of licenses for people (admin API, dashboard): keyset pages, one statement. Every filter
// narrows within the account. The order (createdAt, unitIndex, bundleMemberCode, id) is unique and reads a
// purchase's licenses in unit order, so a page boundary never skips or repeats a license however many are
// made meanwhile.

export interface LicenseListFilters {
  key?: string;
  keyPrefix?: string;
  stripeCustomerId?: string;
  email?: string;
  subscription?: string;
  paymentIntent?: string;
  status?: "ACTIVE" | "DISABLED";
  /** Product or bundle short code. */
  product?: string;
}

/** Where the previous page ended. */
export interface PagePosition {
  createdAt: Date;
  unitIndex: number;
  bundleMemberCode: string;
  id: string;
}

export type ListOrder = "asc" | "desc";

export interface LicenseListRow {
  id: string;
  key: string;
  status: "ACTIVE" | "DISABLED";
  manuallyDisabled: boolean;
  disabledReason: string | null;
  licenseType: string;
  productCode: string | null;
  productName: string | null;
  policyCode: string | null;
  bundleCode: string | null;
  bundleMemberCode: string;
  stripeCustomerId: string | null;
  customerEmail: string | null;
  /** The customer's Stripe Entitlements (lookup keys); empty without a customer. */
  stripeEntitlements: string[];
  maxActivations: number;
  activationsUsed: number;
  floatingUsers: number | null;
  maxLicenseUsers: number | null;
  consumptionUsed: number;
  maxConsumptions: number | null;
  expiresAt: Date | null;
  maintenanceUntil: Date | null;
  graceUntil: Date | null;
  stripeSubscriptionId: string | null;
  stripeSubscriptionItemId: string | null;
  stripeInvoiceId: string | null;
  stripeCheckoutSessionId: string | null;
  stripePaymentIntentId: string | null;
  stripePriceId: string | null;
  unitIndex: number;
  createdAt: Date;
  updatedAt: Date;
}

const SELECT = Prisma.sql`
  SELECT l.id, l.key, l.status::text AS status, l."manuallyDisabled", l."disabledReason", l."licenseType"::text AS "licenseType",
         p."shortCode" AS "productCode", p.name AS "productName", po.code AS "policyCode", b.code AS "bundleCode", l."bundleMemberCode",
         c."stripeCustomerId", c.email AS "customerEmail", COALESCE(c."entitlementFeatures", '{}') AS "stripeEntitlements",
         l."maxActivations",
         (SELECT count(*)::int FROM "Activation" a
           WHERE a."licenseId" = l.id AND a."deactivatedAt" IS NULL AND (a."leaseExpiresAt" IS NULL OR a."leaseExpiresAt" > now())) AS "activationsUsed",
         l."floatingUsers", l."maxLicenseUsers", l."consumptionUsed", l."maxConsumptions",
         l."expiresAt", l."maintenanceUntil", l."graceUntil",
         l."stripeSubscriptionId", l."stripeSubscriptionItemId", l."stripeInvoiceId", l."stripeCheckoutSessionId",
         l."stripePaymentIntentId", l."stripePriceId", l."unitIndex", l."createdAt", l."updatedAt"
  FROM "License" l
  LEFT JOIN "Product" p ON p.id = l."productId"
  LEFT JOIN "Policy" po ON po.id = l."policyId"
  LEFT JOIN "Bundle" b ON b.id = l."bundleId"
  LEFT JOIN "Customer" c ON c.id = l."customerId"`;

function conditions(accountId: string, f: LicenseListFilters): Prisma.Sql[] {
  const where = [Prisma.sql`l."accountId" = ${accountId}`];
  if (f.key !== undefined) where.push(Prisma.sql`l.key = ${f.key}`);
  if (f.keyPrefix !== undefined) where.push(Prisma.sql`starts_with(l.key, ${f.keyPrefix})`);
  if (f.subscription !== undefined) where.push(Prisma.sql`l."stripeSubscriptionId" = ${f.subscription}`);
  if (f.paymentIntent !== undefined) where.push(Prisma.sql`l."stripePaymentIntentId" = ${f.paymentIntent}`);
  // Customers are looked up first, so the license index on (accountId, customerId, createdAt, id) serves the page.
  if (f.stripeCustomerId !== undefined) {
    where.push(Prisma.sql`l."customerId" = (SELECT id FROM "Customer" WHERE "accountId" = ${accountId} AND "stripeCustomerId" = ${f.stripeCustomerId})`);
  }
  if (f.email !== undefined) {
    where.push(Prisma.sql`l."customerId" = ANY(ARRAY(SELECT id FROM "Customer" WHERE "accountId" = ${accountId} AND lower(email) = lower(${f.email})))`);
  }
  if (f.status !== undefined) where.push(Prisma.sql`l.status = ${f.status}::"LicenseStatus"`);
  if (f.product !== undefined) {
    where.push(Prisma.sql`(l."productId" IN (SELECT id FROM "Product" WHERE "accountId" = ${accountId} AND "shortCode" = ${f.product})
      OR l."bundleId" IN (SELECT id FROM "Bundle" WHERE "accountId" = ${accountId} AND code = ${f.product}))`);
  }
  return where;
}

const ORDER = {
  asc: Prisma.sql`ORDER BY l."createdAt", l."unitIndex", l."bundleMemberCode", l.id`,
  desc: Prisma.sql`ORDER BY l."createdAt" DESC, l."unitIndex" DESC, l."bundleMemberCode" DESC, l.id DESC`,
};

export interface PageRequest {
  after: PagePosition | null;
  limit: number;
  order: ListOrder;
}

/** The statement of a page: `limit` + 1 rows, the last telling whether a next page exists. */
export function licensePageQuery(accountId: string, filters: LicenseListFilters, { after, limit, order }: PageRequest): Prisma.Sql {
  const where = conditions(accountId, filters);
  if (after) {
    const position = Prisma.sql`(${after.createdAt}::timestamptz, ${after.unitIndex}::int, ${after.bundleMemberCode}::text, ${after.id}::text)`;
    const columns = Prisma.sql`(l."createdAt", l."unitIndex", l."bundleMemberCode", l.id)`;
    where.push(order === "asc" ? Prisma.sql`${columns} > ${position}` : Prisma.sql`${columns} < ${position}`);
  }
  return Prisma.sql`${SELECT} WHERE ${Prisma.join(where, " AND ")} ${ORDER[order]} LIMIT ${limit + 1}`;
}

/** Up to `limit` licenses after `after` in `order`, and whether more follow. */
export async function selectLicensePage(sql: Sql, accountId: string, filters: LicenseListFilters, page: PageRequest): Promise<{ rows: LicenseListRow[]; more: boolean }> {
  const rows = await sql.$queryRaw<LicenseListRow[]>(licensePageQuery(accountId, filters, page));
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/** Licenses by state, for a summary. */
export async function countLicensesByStatus(sql: Sql, accountId: string): Promise<{ active: number; disabled: number }> {
  const rows = await sql.$queryRaw<{ status: string; n: number }[]>`
    SELECT status::text AS status, count(*)::int AS n FROM "License" WHERE "accountId" = ${accountId} GROUP BY status`;
  const of = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { active: of("ACTIVE"), disabled: of("DISABLED") };
}
