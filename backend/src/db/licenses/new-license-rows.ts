import { Prisma } from "../../generated/prisma/client";
import type { CustomerFacts } from "../../licensing/customer";
import type { NewLicense } from "../../licensing/rules/new-license";
import { LICENSE_COLUMNS, licenseTypeToDb, quoted, type LicenseColumn } from "../columns";

// New License and LicenseUser rows as statements, for license-store.ts. Rows travel as arrays (unnest), so
// a statement's text and parameter count do not grow with the number of licenses.

/** Columns a new row gets from SQL rather than from the license. */
const FROM_SQL = {
  customerId: `(SELECT id FROM "customer")`,
  manuallyDisabled: "false",
  consumptionUsed: "0",
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
    spec: JSON.stringify(l.spec),
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

/** `$n::type[]` per column: one array parameter each, whatever the number of rows. */
function columnArrays<C extends string>(columns: readonly C[], types: Record<C, string>, rows: Record<C, unknown>[]): Prisma.Sql {
  return Prisma.join(columns.map((c) => Prisma.sql`${rows.map((r) => r[c])}::${Prisma.raw(types[c])}[]`));
}

/** INSERT … SELECT FROM unnest(…): the statement that writes new license rows; `suffix` ends it. */
export function insertLicenses(rows: Record<ValueColumn, unknown>[], suffix: Prisma.Sql): Prisma.Sql {
  const columns = [...VALUE_COLUMNS, ...(Object.keys(FROM_SQL) as (keyof typeof FROM_SQL)[])];
  const selected = [...VALUE_COLUMNS.map((c) => `v.${quoted(c)}`), ...Object.values(FROM_SQL)];
  return Prisma.sql`
    INSERT INTO "License" (${Prisma.raw(columns.map(quoted).join(", "))})
    SELECT ${Prisma.raw(selected.join(", "))}
    FROM unnest(${columnArrays(VALUE_COLUMNS, LICENSE_COLUMNS, rows)}) AS v(${Prisma.raw(VALUE_COLUMNS.map(quoted).join(", "))})
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
    FROM unnest(${users.map((u) => u.id)}::text[], ${users.map((u) => u.license.spec.isLicenseManager)}::boolean[]) AS u("licenseId", "isManager")
    ON CONFLICT DO NOTHING`;
}
