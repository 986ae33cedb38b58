-- License mail: the vendor's template, and the queue of mails owed to customers.
-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "MailTemplate" (
    "accountId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MailTemplate_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "MailMessage" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "purchase" TEXT NOT NULL,
    "licenseIds" TEXT[],
    "toEmail" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MailMessage_status_nextAttemptAt_idx" ON "MailMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "MailMessage_accountId_createdAt_idx" ON "MailMessage"("accountId", "createdAt");

-- AddForeignKey
ALTER TABLE "MailTemplate" ADD CONSTRAINT "MailTemplate_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailMessage" ADD CONSTRAINT "MailMessage_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- New licenses queue their mail in the statement that inserts them (no round trip of the webhook path):
-- one MailMessage per purchase of a customer with an email, for accounts with an enabled template. Only
-- which licenses to mail is recorded: the worker renders the mail from the template when it sends it.
-- Prisma's migration runner splits scripts at every semicolon, even inside quotes, so the body is an
-- escape string that writes its semicolons as \073.
CREATE FUNCTION tessera_queue_license_mail()
RETURNS trigger
LANGUAGE plpgsql
AS E'
BEGIN
  INSERT INTO "MailMessage" (id, "accountId", purchase, "licenseIds", "toEmail", "updatedAt")
  SELECT gen_random_uuid()::text, n."accountId",
         COALESCE(n."stripeInvoiceId", n."stripeCheckoutSessionId", n."stripeSubscriptionId", n."sourceKey"),
         array_agg(n.id ORDER BY n."createdAt", n."unitIndex", n."bundleMemberCode"), c.email, now()
  FROM new_licenses n
  JOIN "MailTemplate" t ON t."accountId" = n."accountId" AND t.enabled
  JOIN "Customer" c ON c.id = n."customerId" AND c.email IS NOT NULL
  GROUP BY n."accountId", c.email,
           COALESCE(n."stripeInvoiceId", n."stripeCheckoutSessionId", n."stripeSubscriptionId", n."sourceKey")\073
  RETURN NULL\073
END
';

CREATE TRIGGER "License_queue_mail"
AFTER INSERT ON "License"
REFERENCING NEW TABLE AS new_licenses
FOR EACH STATEMENT EXECUTE FUNCTION tessera_queue_license_mail();
