-- AlterTable
ALTER TABLE "StripeWriteback" ADD COLUMN     "claimedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "parkedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "StripeWriteback_nextAttemptAt_idx" ON "StripeWriteback"("nextAttemptAt");

