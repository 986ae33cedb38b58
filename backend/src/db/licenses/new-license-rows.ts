import { Prisma } from "../../generated/prisma/client";
import type { CustomerFacts } from "../../licensing/customer";
import type { NewLicense } from "../../licensing/rules/new-license";
import { LICENSE_COLUMNS, licenseTypeToDb, quoted, type LicenseColumn } from "../columns";
import { recordset } from "../recordset";

// New License and LicenseUser rows as statements, for license-store.ts. Rows travel as one JSON recordset,
// so a statement's text and parameter count do not grow with the number of licenses.

/** Columns a new row gets from SQL rather than from the license. */
const FROM_SQL = {
  customerId: `(SELECT id FROM "customer")`,
  manuallyDisabled: "false",
  consumptionUsed: "0",
  lastValidatedAt: "NULL",
  createdAt: "now()",
  updatedAt: "now()",
} as const satisfies Partial<Record<LicenseColumn, string>>;

type ValueColumn = Exclude<LicenseColumn, keyof typeof FROM_SQL>;
const VALUE_COLUMNS = (Object.keys(LICENSE_COLUMNS) as LicenseColumn[]).filter((c): c is ValueColumn => !(c in FROM_SQL));

export function rowOf(accountId: string, l: NewLicense, id: string, key: string): Record<ValueColumn, unknown> {
  return {
    id,
    accountId,
    key,
    productId: l.spec.productId,
    policyId: l.spec.policyId,
    bundleId: l.bundleId,
    status: l.active ? "ACTIVE" : "DISABLED",
    disabledReason: l.disabledReason,
    licenseType: licenseTypeToDb(l.spec.licenseType),
    spec: l.spec,
    maxActivations: l.maxActivations,
    floatingUsers: l.floatingUsers,
    maxLicenseUsers: l.maxLicenseUsers,
    expiresAt: l.expiresAt,
    maintenanceUntil: l.maintenanceUntil,
    graceUntil: l.graceUntil,
    maxConsumptions: l.spec.maxConsumptions,
    sourceKey: l.sourceKey,
    stripeSubscriptionId: l.stripe.subscriptionId ?? null,
    stripeSubscriptionItemId: l.stripe.subscriptionItemId ?? null,
    stripeInvoiceId: l.stripe.invoiceId ?? null,
    stripeCheckoutSessionId: l.stripe.checkoutSessionId ?? null,
    stripePaymentIntentId: l.stripe.paymentIntentId ?? null,
    stripeLineItemId: l.stripe.lineItemId ?? null,
    stripePriceId: l.stripe.priceId,
    unitIndex: l.unitIndex,
    bundleMemberCode: l.bundleMemberCode,
  };
}

const VALUE_TYPES = Object.fromEntries(VALUE_COLUMNS.map((c) => [c, LICENSE_COLUMNS[c]])) as Record<ValueColumn, string>;

/** INSERT … SELECT FROM the rows: the statement that writes new license rows; `suffix` ends it. */
export function insertLicenses(rows: Record<ValueColumn, unknown>[], suffix: Prisma.Sql): Prisma.Sql {
  const columns = [...VALUE_COLUMNS, ...(Object.keys(FROM_SQL) as (keyof typeof FROM_SQL)[])];
  const selected = [...VALUE_COLUMNS.map((c) => `v.${quoted(c)}`), ...Object.values(FROM_SQL)];
  return Prisma.sql`
    INSERT INTO "License" (${Prisma.raw(columns.map(quoted).join(", "))})
    SELECT ${Prisma.raw(selected.join(", "))}
    FROM ${recordset("v", VALUE_TYPES, rows)}
    ${suffix}`;
}

/** License users that come with new licenses: the buying customer, when the spec says so. */
export function customerUsers(ctx: { accountId: string; customer: CustomerFacts | null }, licenses: { id: string; license: NewLicense }[]): Prisma.Sql | null {
  const email = ctx.customer?.email;
  const users = licenses.filter(({ license: { spec } }) => email && (spec.assignCustomerAsUser || spec.isLicenseManager));
  if (!email || users.length === 0) return null;
  return Prisma.sql`
    INSERT INTO "LicenseUser" (id, "accountId", "licenseId", email, "isManager")
    SELECT gen_random_uuid()::text, ${ctx.accountId}, u."licenseId", ${email}, u."isManager"
    FROM ${recordset("u", { licenseId: "text", isManager: "boolean" }, users.map((u) => ({ licenseId: u.id, isManager: u.license.spec.isLicenseManager })))}
    ON CONFLICT DO NOTHING`;
}
