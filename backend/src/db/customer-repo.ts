import type { Sql } from "./sql";

export interface CustomerFacts {
  stripeCustomerId: string | null;
  email: string | null;
  name: string | null;
}

/**
 * The customer row for a Stripe customer (none for guest checkouts), refreshed with what Stripe told us.
 * One statement, safe under concurrent events for the same customer.
 */
export async function upsertCustomer(tx: Sql, accountId: string, facts: CustomerFacts): Promise<string | null> {
  if (!facts.stripeCustomerId) return null;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Customer" (id, "accountId", "stripeCustomerId", email, name, "updatedAt")
    VALUES (gen_random_uuid()::text, ${accountId}, ${facts.stripeCustomerId}, ${facts.email}, ${facts.name}, now())
    ON CONFLICT ("accountId", "stripeCustomerId") DO UPDATE
      SET email = COALESCE(EXCLUDED.email, "Customer".email),
          name = COALESCE(EXCLUDED.name, "Customer".name),
          "updatedAt" = now()
    RETURNING id`;
  return rows[0]!.id;
}
