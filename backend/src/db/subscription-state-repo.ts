import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "./client";

export type SubscriptionStateRow = Prisma.SubscriptionStateGetPayload<object>;

/**
 * The subscription's state row, created if new and locked for the rest of the transaction: every event of
 * one subscription, on any instance, runs one after the other from here on.
 */
export async function lockSubscriptionState(tx: Tx, accountId: string, subscriptionId: string): Promise<SubscriptionStateRow> {
  await tx.$executeRaw`INSERT INTO "SubscriptionState" (id, "accountId", "stripeSubscriptionId", "updatedAt")
    VALUES (gen_random_uuid(), ${accountId}, ${subscriptionId}, now())
    ON CONFLICT ("accountId", "stripeSubscriptionId") DO NOTHING`;
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SubscriptionState"
    WHERE "accountId" = ${accountId} AND "stripeSubscriptionId" = ${subscriptionId} FOR UPDATE`;
  return tx.subscriptionState.findUniqueOrThrow({ where: { id: locked!.id } });
}

export async function readSubscriptionState(tx: Pick<Tx, "subscriptionState">, accountId: string, subscriptionId: string) {
  return tx.subscriptionState.findUnique({
    where: { accountId_stripeSubscriptionId: { accountId, stripeSubscriptionId: subscriptionId } },
  });
}
