import type { ResolvedSpec } from "../resolved-spec";
import type { NewLicense } from "./new-license";

/** What a rule wants done to licenses; the license service writes each change and its history line. */
export type LicenseChange =
  | { kind: "create"; license: NewLicense; message: string }
  /** `byHand`: a person's change, which automatic rules never undo (see manuallyDisabled). */
  | { kind: "enable"; licenseId: string; message: string; byHand?: true; reason?: string }
  | { kind: "disable"; licenseId: string; reason: string; message: string; byHand?: true }
  | { kind: "extend"; licenseId: string; expiresAt: Date | null; message: string }
  | { kind: "grace"; licenseId: string; graceUntil: Date | null; message: string }
  | {
      kind: "respec";
      licenseId: string;
      spec: ResolvedSpec;
      priceId: string;
      maxActivations: number;
      floatingUsers: number | null;
      maxLicenseUsers: number | null;
      expiresAt: Date | null;
      message: string;
    }
  | { kind: "resetConsumption"; licenseId: string; message: string }
  /** A subscription license names the subscription's first paid invoice; an earlier one delivered late takes its place. */
  | { kind: "relink"; licenseId: string; invoiceId: string; message: string }
  /** Recorded in the history only: an automatic change that was not made, or a fact such as a partial refund. */
  | { kind: "note"; licenseId: string; type: "PARTIAL_REFUND" | "AUTO_ENABLE_SKIPPED"; message: string };

/** The fields of a stored license that rules read. */
export interface LicenseState {
  id: string;
  status: "ACTIVE" | "DISABLED";
  manuallyDisabled: boolean;
  disabledReason: string | null;
  subscriptionItemId: string | null;
  /** The invoice that sold it (a subscription's first paid invoice). */
  invoiceId: string | null;
  unitIndex: number;
  bundleMemberCode: string;
  priceId: string | null;
  spec: ResolvedSpec;
  maxActivations: number;
  floatingUsers: number | null;
  maxLicenseUsers: number | null;
  expiresAt: Date | null;
  graceUntil: Date | null;
  activationCount: number;
}
