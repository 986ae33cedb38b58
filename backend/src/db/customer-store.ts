import { Prisma } from "../generated/prisma/client";
import type { CustomerFacts } from "../licensing/customer";
import type { DeferredWrite } from "./deferred-writes";
import type { SqlTx } from "./sql";

/**
 * A statement yielding the customer row's `id` for a Stripe customer, created or refreshed with what
 * Stripe told us; for a guest checkout (no Stripe customer) it yields a single NULL. Used as a CTE of
 * the statement that inserts licenses, so naming the customer costs no round trip of its own.
 */
export function customerIdSql(accountId: string, facts: CustomerFacts | null): Prisma.Sql {
  if (!facts?.stripeCustomerId) return Prisma.sql`SELECT NULL::text AS id`;
  return Prisma.sql`
    INSERT INTO "Customer" (id, "accountId", "stripeCustomerId", email, name, "updatedAt")
    VALUES (gen_random_uuid()::text, ${accountId}, ${facts.stripeCustomerId}, ${facts.email}, ${facts.name}, now())
    ON CONFLICT ("accountId", "stripeCustomerId") DO UPDATE
      SET email = COALESCE(EXCLUDED.email, "Customer".email),
          name = COALESCE(EXCLUDED.name, "Customer".name),
          "updatedAt" = now()
    RETURNING id`;
}

/** The customer's facts, as a write of their own, for an event that tells them but makes no license. */
export function customerFactsWrite(accountId: string, facts: CustomerFacts): DeferredWrite | null {
  if (!facts.stripeCustomerId || (!facts.email && !facts.name)) return null;
  return { name: "customer", sql: customerIdSql(accountId, facts) };
}

/** When the customer's stored entitlements were summarised (null: never), locked until the transaction ends. */
export async function lockCustomerEntitlements(tx: SqlTx, accountId: string, stripeCustomerId: string): Promise<Date | null> {
  const rows = await tx.$queryRaw<{ at: Date | null }[]>`
    SELECT "entitlementsUpdatedAt" AS at FROM "Customer"
    WHERE "accountId" = ${accountId} AND "stripeCustomerId" = ${stripeCustomerId} FOR UPDATE`;
  return rows[0]?.at ?? null;
}

/**
 * The customer's entitlements as of a summary made at `at`; a customer Tessera has not met yet is created,
 * so licenses sold later show them. A summary older than the stored one changes nothing, also when two
 * instances race on a customer that did not exist yet.
 */
export function customerEntitlementsWrite(accountId: string, stripeCustomerId: string, features: string[], at: Date): DeferredWrite {
  return {
    name: "customer_entitlements",
    sql: Prisma.sql`
      INSERT INTO "Customer" (id, "accountId", "stripeCustomerId", "entitlementFeatures", "entitlementsUpdatedAt", "updatedAt")
      VALUES (gen_random_uuid()::text, ${accountId}, ${stripeCustomerId}, ${features}::text[], ${at}, now())
      ON CONFLICT ("accountId", "stripeCustomerId") DO UPDATE
        SET "entitlementFeatures" = EXCLUDED."entitlementFeatures",
            "entitlementsUpdatedAt" = EXCLUDED."entitlementsUpdatedAt",
            "updatedAt" = now()
        WHERE "Customer"."entitlementsUpdatedAt" IS NULL OR "Customer"."entitlementsUpdatedAt" <= EXCLUDED."entitlementsUpdatedAt"
      RETURNING id`,
  };
}
