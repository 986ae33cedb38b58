import { Prisma } from "../generated/prisma/client";
import type { LicenseState } from "../licensing/rules/license-change";
import type { DeferredWrite } from "./deferred-writes";
import { licenseStates, lockLicensesQuery } from "./license-repo";
import type { SqlTx } from "./sql";

export type SubscriptionStateRow = Prisma.SubscriptionStateGetPayload<object>;

/**
 * The subscription's state row, created if new, then its licenses, all locked for the rest of the
 * transaction: every event of one subscription, on any instance, runs one after the other from here on.
 * An upsert that always updates takes the row lock and returns the row. The licenses need a statement
 * of their own: one that started before the lock was granted would not see licenses that the previous
 * holder inserted. Both go out in one round trip, each with its own snapshot.
 */
export async function lockSubscription(
  tx: SqlTx,
  accountId: string,
  subscriptionId: string,
): Promise<{ state: SubscriptionStateRow; licenses: LicenseState[] }> {
  const [rows, licenses] = await tx.pipeline([
    Prisma.sql`
    INSERT INTO "SubscriptionState" (id, "accountId", "stripeSubscriptionId", "updatedAt")
    VALUES (gen_random_uuid()::text, ${accountId}, ${subscriptionId}, now())
    ON CONFLICT ("accountId", "stripeSubscriptionId") DO UPDATE SET "accountId" = EXCLUDED."accountId"
    RETURNING *`,
    lockLicensesQuery(accountId, { stripeSubscriptionId: subscriptionId }),
  ]);
  return { state: rows![0] as SubscriptionStateRow, licenses: licenseStates(licenses!) };
}

export interface SubscriptionStatePatch {
  status?: string | null;
  items?: unknown;
  snapshotAt?: Date;
  snapshotRank?: number;
  deletedAt?: Date;
  stripeCustomerId?: string;
  unpaidSince?: Date | null;
  quantityLog?: unknown;
  paidThrough?: Date;
  firstPaidInvoiceId?: string;
  firstPaidAt?: Date;
}

/**
 * The row after the patch, and the UPDATE that stores it as a deferred write (none for an empty patch).
 * The row is locked by lockSubscription, so what is computed here is what the statement will write.
 */
export function patchSubscriptionState(row: SubscriptionStateRow, patch: SubscriptionStatePatch): { updated: SubscriptionStateRow; write: DeferredWrite | null } {
  if (Object.keys(patch).length === 0) return { updated: row, write: null };
  const updated = { ...row, ...patch } as SubscriptionStateRow;
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  return {
    updated,
    write: {
      name: "subscription_state",
      expectRows: 1,
      sql: Prisma.sql`
        UPDATE "SubscriptionState" SET
          status = ${updated.status}::text, items = ${json(updated.items)}::jsonb, "snapshotAt" = ${updated.snapshotAt}::timestamptz,
          "snapshotRank" = ${updated.snapshotRank}::int, "deletedAt" = ${updated.deletedAt}::timestamptz,
          "stripeCustomerId" = ${updated.stripeCustomerId}::text, "unpaidSince" = ${updated.unpaidSince}::timestamptz,
          "quantityLog" = ${json(updated.quantityLog)}::jsonb, "paidThrough" = ${updated.paidThrough}::timestamptz,
          "firstPaidInvoiceId" = ${updated.firstPaidInvoiceId}::text, "firstPaidAt" = ${updated.firstPaidAt}::timestamptz,
          "updatedAt" = now()
        WHERE id = ${row.id}
        RETURNING id`,
    },
  };
}
