import { Prisma } from "../generated/prisma/client";
import type { DeferredWrite } from "./deferred-writes";
import type { SqlTx } from "./sql";

// The one module that writes PaymentRefund rows: refunds of one-off payments, kept by payment intent.

/**
 * Takes the payment intent's lock for the rest of the transaction, then tells whether it was refunded in
 * full. The refund and the purchase of one payment both take this lock, so whichever commits second sees
 * the other, whatever order Stripe delivered them in. Both statements go out in one round trip; the read
 * runs after the lock is granted, with a snapshot that sees the other's commit.
 */
export async function lockPaymentIntent(tx: SqlTx, accountId: string, paymentIntentId: string): Promise<{ refunded: boolean }> {
  const [, rows] = await tx.pipeline([
    Prisma.sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${`tessera:payment:${accountId}:${paymentIntentId}`}, 0))`,
    Prisma.sql`SELECT "full" FROM "PaymentRefund" WHERE "accountId" = ${accountId} AND "paymentIntentId" = ${paymentIntentId}`,
  ]);
  return { refunded: (rows![0] as { full: boolean } | undefined)?.full === true };
}

/** The refund as the charge now stands (Stripe's amounts only grow; once in full, always). */
export function recordRefundWrite(
  accountId: string,
  refund: { paymentIntentId: string; chargeId: string; full: boolean; amountRefunded: number },
): DeferredWrite {
  return {
    name: "payment_refund",
    expectRows: 1,
    sql: Prisma.sql`
      INSERT INTO "PaymentRefund" (id, "accountId", "paymentIntentId", "chargeId", "full", "amountRefunded", "updatedAt")
      VALUES (gen_random_uuid()::text, ${accountId}, ${refund.paymentIntentId}, ${refund.chargeId}, ${refund.full}, ${refund.amountRefunded}, now())
      ON CONFLICT ("accountId", "paymentIntentId") DO UPDATE SET
        "full" = "PaymentRefund"."full" OR EXCLUDED."full",
        "amountRefunded" = GREATEST("PaymentRefund"."amountRefunded", EXCLUDED."amountRefunded"),
        "chargeId" = EXCLUDED."chargeId", "updatedAt" = now()
      RETURNING id`,
  };
}
