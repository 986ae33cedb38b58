-- The outbox now holds only owed writes: rows already written back are dropped with the flag that marked them.
DELETE FROM "StripeWriteback" WHERE NOT "pending";

-- DropIndex
DROP INDEX "StripeWriteback_pending_idx";

-- AlterTable
ALTER TABLE "StripeWriteback" DROP COLUMN "pending";
