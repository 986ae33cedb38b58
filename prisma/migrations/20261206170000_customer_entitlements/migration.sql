-- Stripe Entitlements: the lookup keys of a customer's active entitlements, and the `created` of the
-- summary event they came from (an older summary delivered late never overwrites a newer one).
ALTER TABLE "Customer" ADD COLUMN     "entitlementFeatures" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "entitlementsUpdatedAt" TIMESTAMPTZ(3);
