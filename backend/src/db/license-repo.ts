import type { ResolvedSpec } from "../licensing/resolved-spec";
import type { LicenseState } from "../licensing/rules/license-change";
import { Prisma } from "../generated/prisma/client";
import type { Sql } from "./sql";

type StateRow = Omit<LicenseState, "spec" | "activationCount"> & { spec: unknown; activationCount: number | bigint };

/**
 * Licenses matching `filter`, with the number of live activations each has (quantity cuts spare the
 * licenses people use), ordered by unit and locked for the rest of the transaction. Callers pass one
 * column per statement, so each statement keeps its index in a generic plan.
 */
export async function lockLicenses(tx: Sql, accountId: string, filter: Prisma.Sql): Promise<LicenseState[]> {
  const rows = await tx.$queryRaw<StateRow[]>`
    SELECT l.id, l.status::text AS status, l."manuallyDisabled", l."disabledReason",
           l."stripeSubscriptionItemId" AS "subscriptionItemId", l."unitIndex", l."bundleMemberCode",
           l."stripePriceId" AS "priceId", l.spec, l."maxActivations", l."floatingUsers", l."maxLicenseUsers",
           l."expiresAt", l."graceUntil",
           (SELECT count(*) FROM "Activation" a WHERE a."licenseId" = l.id AND a."deactivatedAt" IS NULL) AS "activationCount"
    FROM "License" l WHERE l."accountId" = ${accountId} ${filter}
    ORDER BY l."unitIndex", l."bundleMemberCode", l.id FOR UPDATE OF l`;
  return rows.map((row) => ({ ...row, spec: row.spec as ResolvedSpec, activationCount: Number(row.activationCount) }));
}

/** Licenses sold with a payment intent, locked for the rest of the transaction. */
export function lockPaymentIntentLicenses(tx: Sql, accountId: string, paymentIntentId: string): Promise<LicenseState[]> {
  return lockLicenses(tx, accountId, Prisma.sql`AND l."stripePaymentIntentId" = ${paymentIntentId}`);
}
