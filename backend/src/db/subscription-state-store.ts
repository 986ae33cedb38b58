import { Prisma } from "../generated/prisma/client";
import type { LicenseState } from "../licensing/rules/license-change";
import type { QuantityEntry, SubscriptionItem, SubscriptionState } from "../licensing/subscription-state";
import type { DeferredWrite } from "./deferred-writes";
import { licenseStates, lockLicensesQuery } from "./licenses/license-reads";
import type { SqlTx } from "./sql";

type StateRow = Prisma.SubscriptionStateGetPayload<object>;

/** The state as stored: the domain's view of it and the row it lives in. */
export interface StoredSubscription {
  rowId: string;
  state: SubscriptionState;
}

function toState(row: StateRow): SubscriptionState {
  return {
    subscriptionId: row.stripeSubscriptionId,
    stripeCustomerId: row.stripeCustomerId,
    status: row.status,
    items: row.items as SubscriptionItem[] | null,
    snapshotAt: row.snapshotAt,
    snapshotRank: row.snapshotRank,
    deletedAt: row.deletedAt,
    paidThrough: row.paidThrough,
    firstPaidInvoiceId: row.firstPaidInvoiceId,
    firstPaidAt: row.firstPaidAt,
    quantityLog: row.quantityLog as QuantityEntry[],
    unpaidSince: row.unpaidSince,
    refundedInvoiceIds: row.refundedInvoiceIds as string[],
  };
}

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
): Promise<{ stored: StoredSubscription; licenses: LicenseState[] }> {
  const [rows, licenses] = await tx.pipeline([
    Prisma.sql`
    INSERT INTO "SubscriptionState" (id, "accountId", "stripeSubscriptionId", "updatedAt")
    VALUES (gen_random_uuid()::text, ${accountId}, ${subscriptionId}, now())
    ON CONFLICT ("accountId", "stripeSubscriptionId") DO UPDATE SET "accountId" = EXCLUDED."accountId"
    RETURNING *`,
    lockLicensesQuery(accountId, { stripeSubscriptionId: subscriptionId }),
  ]);
  const row = rows![0] as StateRow;
  return { stored: { rowId: row.id, state: toState(row) }, licenses: licenseStates(licenses!) };
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** The UPDATE that stores the state as a deferred write. The row is locked by lockSubscription. */
export function subscriptionStateWrite(rowId: string, s: SubscriptionState): DeferredWrite {
  return {
    name: "subscription_state",
    expectRows: 1,
    sql: Prisma.sql`
      UPDATE "SubscriptionState" SET
        status = ${s.status}::text, items = ${json(s.items)}::jsonb, "snapshotAt" = ${s.snapshotAt}::timestamptz,
        "snapshotRank" = ${s.snapshotRank}::int, "deletedAt" = ${s.deletedAt}::timestamptz,
        "stripeCustomerId" = ${s.stripeCustomerId}::text, "unpaidSince" = ${s.unpaidSince}::timestamptz,
        "quantityLog" = ${json(s.quantityLog)}::jsonb, "paidThrough" = ${s.paidThrough}::timestamptz,
        "firstPaidInvoiceId" = ${s.firstPaidInvoiceId}::text, "firstPaidAt" = ${s.firstPaidAt}::timestamptz,
        "refundedInvoiceIds" = ${json(s.refundedInvoiceIds)}::jsonb,
        "updatedAt" = now()
      WHERE id = ${rowId}
      RETURNING id`,
  };
}
