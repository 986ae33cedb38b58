import { Prisma } from "../../generated/prisma/client";
import type { ResolvedSpec } from "../../licensing/resolved-spec";
import type { LicenseState } from "../../licensing/rules/license-change";
import type { LicenseSnapshot, MachineSnapshot } from "../../licensing/rules/validation";
import { quoted, type LicenseColumn } from "../columns";
import type { Sql } from "../sql";

/** Where each field the rules read comes from. */
const STATE_COLUMNS = {
  id: "id",
  status: "status",
  manuallyDisabled: "manuallyDisabled",
  disabledReason: "disabledReason",
  subscriptionItemId: "stripeSubscriptionItemId",
  invoiceId: "stripeInvoiceId",
  unitIndex: "unitIndex",
  bundleMemberCode: "bundleMemberCode",
  priceId: "stripePriceId",
  spec: "spec",
  maxActivations: "maxActivations",
  floatingUsers: "floatingUsers",
  maxLicenseUsers: "maxLicenseUsers",
  expiresAt: "expiresAt",
  graceUntil: "graceUntil",
} as const satisfies Record<Exclude<keyof LicenseState, "activationCount">, LicenseColumn>;

const SELECTED = Object.entries(STATE_COLUMNS)
  .map(([field, column]) => (column === "status" ? `l.status::text AS status` : `l.${quoted(column)} AS ${quoted(field)}`))
  .join(", ");

type StateRow = Omit<LicenseState, "spec" | "activationCount"> & { spec: unknown; activationCount: number | bigint };

function toState(row: StateRow): LicenseState {
  return { ...row, spec: row.spec as ResolvedSpec, activationCount: Number(row.activationCount) };
}

type LicenseOwner = { stripeSubscriptionId: string } | { stripePaymentIntentId: string };

/**
 * The statement that selects the licenses of a subscription or payment intent and locks them for the rest
 * of the transaction, with the number of live activations each has (quantity cuts spare the licenses
 * people use); its rows go through licenseStates.
 */
export function lockLicensesQuery(accountId: string, where: LicenseOwner): Prisma.Sql {
  const select = Prisma.sql`
    SELECT ${Prisma.raw(SELECTED)},
           (SELECT count(*) FROM "Activation" a WHERE a."licenseId" = l.id AND a."deactivatedAt" IS NULL) AS "activationCount"
    FROM "License" l WHERE l."accountId" = ${accountId}`;
  // Separate statements per column, so each keeps its index in a generic plan.
  const filter =
    "stripeSubscriptionId" in where
      ? Prisma.sql`AND l."stripeSubscriptionId" = ${where.stripeSubscriptionId}`
      : Prisma.sql`AND l."stripePaymentIntentId" = ${where.stripePaymentIntentId}`;
  return Prisma.sql`${select} ${filter} ORDER BY l."unitIndex", l."bundleMemberCode", l.id FOR UPDATE OF l`;
}

export function licenseStates(rows: Record<string, unknown>[]): LicenseState[] {
  return (rows as StateRow[]).map(toState);
}

/** The licenses of a subscription or payment intent, locked for the rest of the transaction. */
export async function lockLicenses(tx: Sql, accountId: string, where: LicenseOwner): Promise<LicenseState[]> {
  return licenseStates(await tx.$queryRaw<Record<string, unknown>[]>(lockLicensesQuery(accountId, where)));
}

/** Whether the account sold licenses with this payment intent (a one-off payment's licenses record it). */
export async function hasLicensesOfPaymentIntent(sql: Sql, accountId: string, paymentIntentId: string): Promise<boolean> {
  const rows = await sql.$queryRaw<unknown[]>`
    SELECT 1 FROM "License" WHERE "accountId" = ${accountId} AND "stripePaymentIntentId" = ${paymentIntentId} LIMIT 1`;
  return rows.length > 0;
}

/** A license as the License API reads it, with its users and its machines that were not deactivated. */
/** A license as the License API decides about it, with its machines that were not deactivated. */
export type LicenseByKeyRow = LicenseSnapshot & { machines: MachineSnapshot[] };

type MachineJson = Omit<LicenseByKeyRow["machines"][number], "leaseExpiresAt"> & { leaseExpiresAt: string | null };

/** The statement that reads a license by key with its users and machines (the benchmark's baseline runs it too). */
export function licenseByKeyQuery(key: string): Prisma.Sql {
  return Prisma.sql`
    SELECT l.id, l."accountId", l.key, l.status::text AS status, l."disabledReason", l.spec, p."shortCode" AS "productCode",
           l."maxActivations", l."floatingUsers", l."maxLicenseUsers", l."expiresAt", l."graceUntil", l."maintenanceUntil",
           l."consumptionUsed", l."maxConsumptions",
           ARRAY(SELECT lower(u.email) FROM "LicenseUser" u WHERE u."licenseId" = l.id) AS "userEmails",
           COALESCE(c."entitlementFeatures", '{}') AS "stripeEntitlements",
           COALESCE((SELECT json_agg(json_build_object('id', a.id, 'fingerprint', a.fingerprint, 'name', a.name, 'platform', a.platform,
                                                       'leaseExpiresAt', a."leaseExpiresAt") ORDER BY a."createdAt")
                     FROM "Activation" a WHERE a."licenseId" = l.id AND a."deactivatedAt" IS NULL), '[]'::json) AS machines
    FROM "License" l LEFT JOIN "Product" p ON p.id = l."productId" LEFT JOIN "Customer" c ON c.id = l."customerId"
    WHERE l.key = ${key}`;
}

/**
 * The license with this key, its users and machines, in one statement on the unique key index. Whose
 * account it is comes from the row: the License API is keyed by the license key. `lock`: the license row
 * is locked for the rest of the transaction first (activations), so decisions about its slots are made one
 * at a time.
 */
export async function readLicenseByKey(sql: Sql, key: string, lock = false): Promise<LicenseByKeyRow | null> {
  // The lock is taken by a statement of its own: a statement that waited for a lock still reads the other
  // tables as they were when it began, so machines read together with the lock could miss the last holder's.
  if (lock && (await sql.$queryRaw<unknown[]>`SELECT id FROM "License" WHERE key = ${key} FOR UPDATE`).length === 0) return null;
  const rows = await sql.$queryRaw<(Omit<LicenseByKeyRow, "machines"> & { machines: MachineJson[] })[]>(licenseByKeyQuery(key));
  const row = rows[0];
  if (!row) return null;
  return { ...row, machines: row.machines.map((m) => ({ ...m, leaseExpiresAt: m.leaseExpiresAt ? new Date(m.leaseExpiresAt) : null })) };
}
