import { Prisma } from "../generated/prisma/client";
import type { CustomerFacts } from "../licensing/customer";

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
