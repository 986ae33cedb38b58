import type { LicenseChange } from "./rules/license-change";
import type { NewLicense } from "./rules/new-license";

/** What a history line says happened to a license: one word per kind of change, whoever made it. */
export type HistoryType =
  | "CREATED"
  | "ENABLED"
  | "DISABLED"
  | "EXPIRY_CHANGED"
  | "GRACE_CHANGED"
  | "SPEC_CHANGED"
  | "CONSUMPTION_RESET"
  | "INVOICE_LINKED"
  | "PARTIAL_REFUND"
  | "AUTO_ENABLE_SKIPPED"
  | "USER_ADDED"
  | "USER_REMOVED"
  | "MACHINE_ACTIVATED"
  | "MACHINE_DEACTIVATED"
  | "UNITS_CONSUMED";

/** One line of a license's history; the cause (event, user, API key) is the change's, for every line. */
export interface HistoryLine {
  type: HistoryType;
  message: string;
  details: Record<string, unknown>;
}

/** The line a change to an existing license writes. */
export function historyOfChange(change: Exclude<LicenseChange, { kind: "create" }>): HistoryLine {
  const line = (type: HistoryType, details: Record<string, unknown>): HistoryLine => ({ type, message: change.message, details });
  switch (change.kind) {
    case "enable":
      return line("ENABLED", change.byHand ? { reason: change.reason ?? null, manual: true } : {});
    case "disable":
      return line("DISABLED", change.byHand ? { reason: change.reason, manual: true } : { reason: change.reason });
    case "extend":
      return line("EXPIRY_CHANGED", { expiresAt: change.expiresAt });
    case "grace":
      return line("GRACE_CHANGED", { graceUntil: change.graceUntil });
    case "respec":
      return line("SPEC_CHANGED", { priceId: change.priceId });
    case "resetConsumption":
      return line("CONSUMPTION_RESET", {});
    case "relink":
      return line("INVOICE_LINKED", { invoiceId: change.invoiceId });
    case "note":
      return line(change.type, {});
  }
}

/** The lines a new license starts with: CREATED, and DISABLED when it is born disabled. */
export function historyOfNewLicense(license: NewLicense, message: string): HistoryLine[] {
  const status = license.active ? "ACTIVE" : "DISABLED";
  const created: HistoryLine = { type: "CREATED", message, details: { sourceKey: license.sourceKey, status } };
  if (license.active) return [created];
  return [created, { type: "DISABLED", message: `Created disabled: ${license.disabledReason}`, details: {} }];
}

export const userAdded = (email: string, isManager: boolean): HistoryLine => ({
  type: "USER_ADDED",
  message: `${email} added as a ${isManager ? "license manager" : "user"}`,
  details: { email, isManager },
});

export const userRemoved = (email: string): HistoryLine => ({ type: "USER_REMOVED", message: `${email} removed`, details: { email } });

/** A machine took a slot of the license (License API). */
export const machineActivated = (fingerprint: string, name: string | null, floating: boolean): HistoryLine => ({
  type: "MACHINE_ACTIVATED",
  message: `${name ? `${name} (${fingerprint})` : fingerprint} activated${floating ? " (floating lease)" : ""}`,
  details: { fingerprint, name },
});

/** A machine's slot was freed: by the software itself, or by the vendor freeing a machine. */
export const machineDeactivated = (fingerprint: string, activationId: string): HistoryLine => ({
  type: "MACHINE_DEACTIVATED",
  message: `${fingerprint} deactivated`,
  details: { fingerprint, activationId },
});

export const unitsConsumed = (amount: number, used: number, max: number | null): HistoryLine => ({
  type: "UNITS_CONSUMED",
  message: `${amount} unit${amount === 1 ? "" : "s"} used (${used}${max === null ? "" : ` of ${max}`})`,
  details: { amount, used },
});
