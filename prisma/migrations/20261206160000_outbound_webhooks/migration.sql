-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "eventTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "secretEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMPTZ(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_accountId_createdAt_idx" ON "WebhookEndpoint"("accountId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_messageId_key" ON "WebhookDelivery"("messageId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_id_idx" ON "WebhookDelivery"("endpointId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- What a line of license history tells vendors' endpoints, if anything: the one mapping from history types
-- (licensing/history.ts) to outbound types (OUTBOUND_EVENT_TYPES). A disable whose reason is the refund's
-- (licensing/rules/refund.ts, REFUND_REASON) is a refund. A new expiry only counts as a renewal when a
-- Stripe event (a paid invoice) set it. Checked by backend/test/outbound/event-types.happy.test.ts.
CREATE FUNCTION tessera_outbound_type(history_type text, cause_type "CauseType", details jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN history_type = 'CREATED' THEN 'license.created'
    WHEN history_type = 'ENABLED' THEN 'license.enabled'
    WHEN history_type = 'DISABLED' AND details->>'reason' = 'payment refunded' THEN 'license.refunded'
    WHEN history_type = 'DISABLED' THEN 'license.disabled'
    WHEN history_type = 'EXPIRY_CHANGED' AND cause_type = 'STRIPE_EVENT' THEN 'license.renewed'
  END
$$;

CREATE FUNCTION tessera_iso(moment timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT to_char(moment AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

-- Outbound deliveries are queued by the statement that writes the history, in its transaction, whichever
-- module wrote it (webhook ingest, manual changes, the grace sweeper): one delivery per enabled endpoint of
-- the account that wants the type. Statement-level, so an event's lines cost one pass, and an account
-- without endpoints costs one index probe. It runs after the statement, so it sees the license as the
-- statement left it (a license created disabled reads DISABLED: its "created disabled" line sends nothing
-- more than the created message).
-- Prisma's migration runner splits scripts at every semicolon (see check_event_writes): the body is an
-- escape string that writes its semicolons as \073.
CREATE FUNCTION tessera_queue_outbound() RETURNS trigger
LANGUAGE plpgsql
AS E'
BEGIN
  INSERT INTO "WebhookDelivery" (id, "accountId", "endpointId", "messageId", "eventType", payload)
  SELECT gen_random_uuid()::text, e."accountId", w.id, ''msg_'' || replace(gen_random_uuid()::text, ''-'', ''''), e.outbound,
    jsonb_build_object(
      ''type'', e.outbound,
      ''timestamp'', tessera_iso(e."createdAt"),
      ''data'', jsonb_build_object(
        ''license'', jsonb_build_object(
          ''id'', l.id,
          ''key'', l.key,
          ''status'', l.status,
          ''product'', p."shortCode",
          ''licenseType'', lower(replace(l."licenseType"::text, ''_'', ''-'')),
          ''expiresAt'', tessera_iso(l."expiresAt"),
          ''customer'', CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object(''id'', c."stripeCustomerId", ''email'', c.email) END,
          ''stripe'', jsonb_build_object(
            ''subscription'', l."stripeSubscriptionId",
            ''subscriptionItem'', l."stripeSubscriptionItemId",
            ''invoice'', l."stripeInvoiceId",
            ''checkoutSession'', l."stripeCheckoutSessionId",
            ''paymentIntent'', l."stripePaymentIntentId",
            ''price'', l."stripePriceId")),
        ''cause'', jsonb_build_object(''type'', e."causeType", ''id'', e."causeId", ''message'', e.message, ''historyId'', e.id)))
  FROM (
    SELECT n.*, tessera_outbound_type(n.type, n."causeType", n.details) AS outbound FROM new_lines n
  ) e
  JOIN "WebhookEndpoint" w ON w."accountId" = e."accountId" AND w.enabled
    AND (cardinality(w."eventTypes") = 0 OR e.outbound = ANY (w."eventTypes"))
  JOIN "License" l ON l.id = e."licenseId"
  LEFT JOIN "Product" p ON p.id = l."productId"
  LEFT JOIN "Customer" c ON c.id = l."customerId"
  WHERE e.outbound IS NOT NULL
    AND NOT (e.type = ''DISABLED'' AND EXISTS (SELECT 1 FROM new_lines m WHERE m."licenseId" = e."licenseId" AND m.type = ''CREATED''))
  ORDER BY e."createdAt", w.id\073
  RETURN NULL\073
END
';

CREATE TRIGGER "LicenseEvent_queue_outbound" AFTER INSERT ON "LicenseEvent"
REFERENCING NEW TABLE AS new_lines
FOR EACH STATEMENT EXECUTE FUNCTION tessera_queue_outbound();
