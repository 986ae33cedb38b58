import { Prisma } from "../generated/prisma/client";
import type { DeferredWrite } from "./deferred-writes";
import { recordset } from "./recordset";
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
      FROM ${recordset("w", { objectType: "text", objectId: "text" }, objects)}
      ON CONFLICT ("accountId", "objectType", "objectId") DO UPDATE
        SET generation = "StripeWriteback".generation + 1, "updatedAt" = now()
      RETURNING 1`,
  };
}

export interface ClaimedWriteback extends WritebackObject {
  id: string;
  accountId: string;
  generation: number;
  attempts: number;
  livemode: boolean;
  kind: "SELF_HOSTED" | "CONNECTED";
  stripeAccountId: string | null;
  keys: string[];
}

/**
 * Claims up to `limit` write-backs that are due, for `leaseMs`, with the keys each owes. Rows another
 * instance holds are skipped (SKIP LOCKED, then the lease), so two instances never write one object at
 * once, and the newest key list is always the last one written.
 *
 * The keys are read by a second statement. A claim that finds a row just updated by a transaction that
 * committed after the claim began locks that newer version (and its generation) but would still read the
 * License table as it was when the claim began: the keys of that transaction would be missing, and the
 * matching generation would then delete the row with them unwritten. The second statement starts after
 * the claim, so it sees every license the claimed generation stands for.
 */
export async function claimDueWritebacks(sql: Sql, limit: number, leaseMs: number): Promise<ClaimedWriteback[]> {
  const claimed = await sql.$queryRaw<Omit<ClaimedWriteback, "keys">[]>`
    WITH due AS (
      SELECT w.id FROM "StripeWriteback" w JOIN "Account" a ON a.id = w."accountId"
      WHERE a.status = 'CONNECTED' AND w."parkedAt" IS NULL AND w."nextAttemptAt" <= now()
        AND (w."claimedUntil" IS NULL OR w."claimedUntil" < now())
      ORDER BY w."nextAttemptAt" LIMIT ${limit}
      FOR UPDATE OF w SKIP LOCKED
    )
    UPDATE "StripeWriteback" w SET "claimedUntil" = now() + ${leaseMs} * interval '1 millisecond'
    FROM due, "Account" a
    WHERE w.id = due.id AND a.id = w."accountId"
    RETURNING w.id, w."accountId", w."objectType", w."objectId", w.generation, w.attempts,
      a.livemode, a.kind::text AS kind, a."stripeAccountId"`;
  if (claimed.length === 0) return [];
  const keyLists = await sql.$queryRaw<{ id: string; keys: string[] }[]>`
    SELECT v.id,
      COALESCE((SELECT json_agg(l.key ORDER BY l."createdAt", l."unitIndex", l."bundleMemberCode")
                FROM "License" l
                WHERE l."accountId" = v."accountId"
                  AND ((v."objectType" = 'subscription' AND l."stripeSubscriptionId" = v."objectId")
                    OR (v."objectType" = 'payment_intent' AND l."stripePaymentIntentId" = v."objectId"))), '[]'::json) AS keys
    FROM ${recordset(
      "v",
      { id: "text", accountId: "text", objectType: "text", objectId: "text" },
      claimed.map(({ id, accountId, objectType, objectId }) => ({ id, accountId, objectType, objectId })),
    )}`;
  const keysOf = new Map(keyLists.map((k) => [k.id, k.keys]));
  return claimed.map((w) => ({ ...w, keys: keysOf.get(w.id) ?? [] }));
}

/**
 * Stripe has the keys: the row goes, unless newer keys were queued meanwhile (its generation moved); then
 * it is released at once, to be written again with them.
 */
export async function finishWritebacks(sql: Sql, done: { id: string; generation: number }[]): Promise<void> {
  await sql.$executeRaw`
    WITH written AS (
      SELECT * FROM ${recordset("v", { id: "text", generation: "int" }, done.map(({ id, generation }) => ({ id, generation })))}
    ), deleted AS (
      DELETE FROM "StripeWriteback" w USING written v WHERE w.id = v.id AND w.generation = v.generation RETURNING w.id
    )
    UPDATE "StripeWriteback" w SET "claimedUntil" = NULL, attempts = 0, "lastError" = NULL, "nextAttemptAt" = now()
    FROM written v WHERE w.id = v.id AND w.id NOT IN (SELECT id FROM deleted)`;
}

/** A failed write waits until `retryAt`, or with `retryAt` null is parked for a person to retry. */
export async function recordWritebackFailure(sql: Sql, id: string, message: string, retryAt: Date | null): Promise<void> {
  await sql.$executeRaw`
    UPDATE "StripeWriteback" SET attempts = attempts + 1, "lastError" = ${message}, "claimedUntil" = NULL,
      "nextAttemptAt" = COALESCE(${retryAt}::timestamptz, "nextAttemptAt"),
      "parkedAt" = CASE WHEN ${retryAt}::timestamptz IS NULL THEN now() ELSE NULL END
    WHERE id = ${id}`;
}

export interface ParkedWriteback {
  id: string;
  objectType: string;
  objectId: string;
  attempts: number;
  lastError: string | null;
  parkedAt: Date;
  createdAt: Date;
}

/** The account's parked write-backs, oldest first. */
export function parkedWritebacks(sql: Sql, accountId: string): PromiseLike<ParkedWriteback[]> {
  return sql.$queryRaw<ParkedWriteback[]>`
    SELECT id, "objectType", "objectId", attempts, "lastError", "parkedAt", "createdAt" FROM "StripeWriteback"
    WHERE "accountId" = ${accountId} AND "parkedAt" IS NOT NULL ORDER BY "parkedAt"`;
}

/** Parked write-backs of the account (all, or the one named) are due again now, with a fresh count of attempts. */
export async function unparkWritebacks(sql: Sql, accountId: string, id?: string): Promise<number> {
  return sql.$executeRaw`
    UPDATE "StripeWriteback" SET "parkedAt" = NULL, attempts = 0, "nextAttemptAt" = now()
    WHERE "accountId" = ${accountId} AND "parkedAt" IS NOT NULL AND (${id ?? null}::text IS NULL OR id = ${id ?? null}::text)`;
}

/** How many write-backs are owed, and how many of them are parked (for /metrics). */
export async function writebackBacklog(sql: Sql): Promise<{ pending: number; parked: number }> {
  const rows = await sql.$queryRaw<{ pending: number; parked: number }[]>`
    SELECT count(*) FILTER (WHERE "parkedAt" IS NULL)::int AS pending, count(*) FILTER (WHERE "parkedAt" IS NOT NULL)::int AS parked
    FROM "StripeWriteback"`;
  return rows[0] ?? { pending: 0, parked: 0 };
}
