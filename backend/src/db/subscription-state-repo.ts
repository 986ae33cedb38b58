import type { Prisma } from "../generated/prisma/client";
import type { Sql } from "./sql";

export type SubscriptionStateRow = Prisma.SubscriptionStateGetPayload<object>;

/**
 * The subscription's state row, created if new and locked for the rest of the transaction: every event of
 * one subscription, on any instance, runs one after the other from here on. An upsert that always updates
 * takes the row lock and returns the row in one round trip.
 */
export async function lockSubscriptionState(tx: Sql, accountId: string, subscriptionId: string): Promise<SubscriptionStateRow> {
  const rows = await tx.$queryRaw<SubscriptionStateRow[]>`
    INSERT INTO "SubscriptionState" (id, "accountId", "stripeSubscriptionId", "updatedAt")
    VALUES (gen_random_uuid()::text, ${accountId}, ${subscriptionId}, now())
    ON CONFLICT ("accountId", "stripeSubscriptionId") DO UPDATE SET "accountId" = EXCLUDED."accountId"
    RETURNING *`;
  return rows[0]!;
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

const has = (patch: SubscriptionStatePatch, key: keyof SubscriptionStatePatch) => Object.prototype.hasOwnProperty.call(patch, key);

/** Writes only the fields present in the patch; the row is already locked by lockSubscriptionState. */
export async function updateSubscriptionState(tx: Sql, row: SubscriptionStateRow, patch: SubscriptionStatePatch): Promise<SubscriptionStateRow> {
  if (Object.keys(patch).length === 0) return row;
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const rows = await tx.$queryRaw<SubscriptionStateRow[]>`
    UPDATE "SubscriptionState" SET
      status = CASE WHEN ${has(patch, "status")}::boolean THEN ${patch.status ?? null}::text ELSE status END,
      items = CASE WHEN ${has(patch, "items")}::boolean THEN ${json(patch.items)}::jsonb ELSE items END,
      "snapshotAt" = COALESCE(${patch.snapshotAt ?? null}::timestamptz, "snapshotAt"),
      "snapshotRank" = COALESCE(${patch.snapshotRank ?? null}::int, "snapshotRank"),
      "deletedAt" = COALESCE(${patch.deletedAt ?? null}::timestamptz, "deletedAt"),
      "stripeCustomerId" = COALESCE(${patch.stripeCustomerId ?? null}, "stripeCustomerId"),
      "unpaidSince" = CASE WHEN ${has(patch, "unpaidSince")}::boolean THEN ${patch.unpaidSince ?? null}::timestamptz ELSE "unpaidSince" END,
      "quantityLog" = COALESCE(${json(patch.quantityLog)}::jsonb, "quantityLog"),
      "paidThrough" = COALESCE(${patch.paidThrough ?? null}::timestamptz, "paidThrough"),
      "firstPaidInvoiceId" = COALESCE(${patch.firstPaidInvoiceId ?? null}, "firstPaidInvoiceId"),
      "firstPaidAt" = COALESCE(${patch.firstPaidAt ?? null}::timestamptz, "firstPaidAt"),
      "updatedAt" = now()
    WHERE id = ${row.id}
    RETURNING *`;
  return rows[0]!;
}
