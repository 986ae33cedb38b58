import { licenseExpiry, maintenanceEnd } from "./expiry";
import type { UnitLicense } from "./unit-licenses";

export interface StripeSource {
  subscriptionId?: string;
  subscriptionItemId?: string;
  invoiceId?: string;
  checkoutSessionId?: string;
  paymentIntentId?: string;
  lineItemId?: string;
  priceId: string;
}

/** Whether a license starts enabled (in grace, perhaps) or disabled, and why. */
export type StartStatus = { active: true; graceUntil: Date | null } | { active: false; reason: string };

/** A license a rule wants to exist; the service gives it a key and writes it (once, by `sourceKey`). */
export interface NewLicense extends UnitLicense {
  sourceKey: string;
  unitIndex: number;
  expiresAt: Date | null;
  maintenanceUntil: Date | null;
  active: boolean;
  disabledReason: string | null;
  graceUntil: Date | null;
  stripe: StripeSource;
}

/** The license of one unit, with its validity counted from `startsAt` (or to `paidThrough` when recurring). */
export function newLicense(
  unit: UnitLicense,
  at: { sourceKey: string; unitIndex: number; startsAt: Date; paidThrough: Date | null; status: StartStatus; stripe: StripeSource },
): NewLicense {
  return {
    ...unit,
    sourceKey: at.sourceKey,
    unitIndex: at.unitIndex,
    expiresAt: licenseExpiry(unit.spec, at.startsAt, at.paidThrough),
    maintenanceUntil: maintenanceEnd(unit.spec, at.startsAt),
    active: at.status.active,
    disabledReason: at.status.active ? null : at.status.reason,
    graceUntil: at.status.active ? at.status.graceUntil : null,
    stripe: at.stripe,
  };
}
