import { Prisma } from "../generated/prisma/client";
import type { DeferredWrite } from "./deferred-writes";
import type { Sql } from "./sql";

// The one module that writes StripeWriteback rows: the outbox of license keys owed to Stripe metadata.

export type WritebackObject = { objectType: "subscription" | "payment_intent"; objectId: string };

/**
 * Queues write-backs in the statement that records the event (one row per object); a row already queued
 * gets a new generation, so a flush running now does not delete it.
 */
export function queueWritebacks(accountId: string, objects: WritebackObject[]): DeferredWrite {
  return {
    name: "queued_writebacks",
    sql: Prisma.sql`
      INSERT INTO "StripeWriteback" (id, "accountId", "objectType", "objectId", "updatedAt")
      SELECT gen_random_uuid()::text, ${accountId}, w."objectType", w."objectId", now()
      FROM unnest(${objects.map((o) => o.objectType)}::text[], ${objects.map((o) => o.objectId)}::text[]) AS w("objectType", "objectId")
      ON CONFLICT ("accountId", "objectType", "objectId") DO UPDATE
        SET generation = "StripeWriteback".generation + 1, "updatedAt" = now()
      RETURNING 1`,
  };
}

export interface PendingWriteback extends WritebackObject {
  id: string;
  accountId: string;
  generation: number;
  attempts: number;
  kind: "SELF_HOSTED" | "CONNECTED";
  stripeAccountId: string | null;
  keys: string[];
}

/** Up to `limit` pending write-backs of connected accounts with the keys each owes, read in one snapshot. */
export function pendingWritebacks(sql: Sql, limit: number): PromiseLike<PendingWriteback[]> {
  return sql.$queryRaw<PendingWriteback[]>`
    SELECT w.id, w."accountId", w."objectType", w."objectId", w.generation, w.attempts,
           a.kind::text AS kind, a."stripeAccountId",
           COALESCE((SELECT json_agg(l.key ORDER BY l."createdAt", l."unitIndex", l."bundleMemberCode")
                     FROM "License" l
                     WHERE l."accountId" = w."accountId"
                       AND ((w."objectType" = 'subscription' AND l."stripeSubscriptionId" = w."objectId")
                         OR (w."objectType" = 'payment_intent' AND l."stripePaymentIntentId" = w."objectId"))), '[]'::json) AS keys
    FROM "StripeWriteback" w JOIN "Account" a ON a.id = w."accountId"
    WHERE a.status = 'CONNECTED'
    ORDER BY w."updatedAt" LIMIT ${limit}`;
}

export async function recordWritebackFailure(sql: Sql, id: string, message: string): Promise<void> {
  await sql.$executeRaw`UPDATE "StripeWriteback" SET attempts = attempts + 1, "lastError" = ${message} WHERE id = ${id}`;
}

/** Deletes the rows Stripe accepted; a row whose generation moved on got new keys meanwhile and stays. */
export async function deleteWrittenBack(sql: Sql, done: { id: string; generation: number }[]): Promise<void> {
  await sql.$executeRaw`
    DELETE FROM "StripeWriteback" w
    USING unnest(${done.map((d) => d.id)}::text[], ${done.map((d) => d.generation)}::int[]) AS v(id, generation)
    WHERE w.id = v.id AND w.generation = v.generation`;
}
