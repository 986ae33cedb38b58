import type { Tx } from "./client";

export interface CustomerFacts {
  stripeCustomerId: string | null;
  email: string | null;
  name: string | null;
}

/** The customer row for a Stripe customer (none for guest checkouts), refreshed with what Stripe told us. */
export async function upsertCustomer(tx: Tx, accountId: string, facts: CustomerFacts): Promise<string | null> {
  if (!facts.stripeCustomerId) return null;
  const details = { ...(facts.email ? { email: facts.email } : {}), ...(facts.name ? { name: facts.name } : {}) };
  const row = await tx.customer.upsert({
    where: { accountId_stripeCustomerId: { accountId, stripeCustomerId: facts.stripeCustomerId } },
    create: { accountId, stripeCustomerId: facts.stripeCustomerId, ...details },
    update: details,
    select: { id: true },
  });
  return row.id;
}
