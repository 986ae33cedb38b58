import type { LicenseChange, LicenseState } from "./license-change";

/**
 * Why licenses are disabled when their payment was refunded in full, whichever event found out. Outbound
 * webhooks tell a refund from other disables by it (migration outbound_webhooks, tessera_outbound_type).
 */
export const REFUND_REASON = "payment refunded";

export interface RefundFacts {
  chargeId: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  /** Stripe sets `refunded` only once the whole charge is refunded. */
  refunded: boolean;
}

/** Stripe amounts are in the currency's smallest unit: cents for USD, whole yen for JPY. */
function money(minor: number, currency: string): string {
  const code = currency.toUpperCase();
  const digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  return `${(minor / 10 ** digits).toFixed(digits)} ${code}`;
}

/** A full refund disables the purchase's licenses; a partial one is only written to their history. */
export function planRefund(refund: RefundFacts, licenses: LicenseState[]): LicenseChange[] {
  const full = refund.refunded || refund.amountRefunded >= refund.amount;
  if (full) {
    return licenses
      .filter((l) => l.status === "ACTIVE")
      .map((l) => ({
        kind: "disable" as const,
        licenseId: l.id,
        reason: REFUND_REASON,
        message: `Disabled: charge ${refund.chargeId} was refunded in full`,
      }));
  }
  return licenses.map((l) => ({
    kind: "note" as const,
    licenseId: l.id,
    type: "PARTIAL_REFUND",
    message: `Partial refund on charge ${refund.chargeId}: ${money(refund.amountRefunded, refund.currency)} of ${money(refund.amount, refund.currency)}; license unchanged`,
  }));
}
