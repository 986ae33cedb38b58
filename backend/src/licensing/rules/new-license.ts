import type { ResolvedSpec } from "../resolved-spec";

/** A license a rule wants to exist; the service gives it a key and writes it (once, by `sourceKey`). */
export interface NewLicense {
  sourceKey: string;
  unitIndex: number;
  bundleMemberCode: string;
  bundleId: string | null;
  spec: ResolvedSpec;
  maxActivations: number;
  floatingUsers: number | null;
  maxLicenseUsers: number | null;
  expiresAt: Date | null;
  maintenanceUntil: Date | null;
  active: boolean;
  disabledReason: string | null;
  graceUntil: Date | null;
  stripe: {
    subscriptionId?: string;
    subscriptionItemId?: string;
    invoiceId?: string;
    checkoutSessionId?: string;
    paymentIntentId?: string;
    lineItemId?: string;
    priceId: string;
  };
}
