import { Prisma } from "../generated/prisma/client";
import type { CustomerFacts } from "../licensing/customer";
import type { DeferredWrite } from "./deferred-writes";

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
