import type { Entitlements, ValidationCode } from "@tessera/shared";
import type { ResolvedSpec } from "../resolved-spec";

// The License API's decisions: which validation code applies, whether a machine may activate, whether
// units may be consumed. Pure: the caller reads the license (locked when it will write) and its machines.

/** A license as the License API sees it. Specs stored before a field existed may lack it. */
export interface LicenseSnapshot {
  id: string;
  accountId: string;
  key: string;
  status: "ACTIVE" | "DISABLED";
  disabledReason: string | null;
  spec: ResolvedSpec;
  productCode: string | null;
  maxActivations: number;
  /** Floating licenses: leases at once; null when node-locked. */
  floatingUsers: number | null;
  maxLicenseUsers: number | null;
  expiresAt: Date | null;
  graceUntil: Date | null;
  maintenanceUntil: Date | null;
  consumptionUsed: number;
  maxConsumptions: number | null;
  /** Emails of the license's users, lower case (user-authorised products). */
  userEmails: string[];
  /** The customer's active Stripe Entitlements (lookup keys): features sold through Stripe's own model. */
  stripeEntitlements: string[];
}

/** A machine of the license that was not deactivated; a floating lease may have lapsed. */
export interface MachineSnapshot {
  id: string;
  fingerprint: string;
  name: string | null;
  platform: string | null;
  leaseExpiresAt: Date | null;
}

export interface ValidationAsk {
  fingerprint?: string | undefined;
  features?: string[] | undefined;
  /** Release date of the version the software runs. */
  versionReleasedAt?: Date | undefined;
  userEmail?: string | undefined;
}

export interface Verdict {
  code: ValidationCode;
  detail: string;
}

const VALID: Verdict = { code: "VALID", detail: "The license is valid" };

/** A machine counts while it holds its slot: node-locked until deactivated, floating until its lease lapses. */
export const isLive = (m: MachineSnapshot, now: Date) => m.leaseExpiresAt === null || m.leaseExpiresAt > now;

export const liveMachines = (machines: MachineSnapshot[], now: Date) => machines.filter((m) => isLive(m, now));

/** How many machines may hold the license at once: floating seats, or activations. */
export const slotsOf = (l: LicenseSnapshot) => l.floatingUsers ?? l.maxActivations;

/** Expired: its end passed and no unpaid grace keeps it going. */
export function isExpired(l: LicenseSnapshot, now: Date): boolean {
  if (l.expiresAt === null || l.expiresAt > now) return false;
  return !(l.graceUntil !== null && l.graceUntil > now);
}

/**
 * The features a license grants: its spec's. Other sources of features (e.g. Stripe Entitlements of the
 * customer) join here, so validation and every answer read one list.
 */
export function entitledFeatures(l: LicenseSnapshot): string[] {
  return [...new Set([...(l.spec.features ?? []), ...l.stripeEntitlements])];
}

/** Refusals that hold whatever the machine: a disabled or expired license is good for nothing. */
function standing(l: LicenseSnapshot, now: Date): Verdict | null {
  if (l.status === "DISABLED") return { code: "DISABLED", detail: `The license is disabled${l.disabledReason ? `: ${l.disabledReason}` : ""}` };
  if (isExpired(l, now)) return { code: "EXPIRED", detail: `The license expired at ${l.expiresAt!.toISOString()}` };
  return null;
}

function noSlot(l: LicenseSnapshot): Verdict {
  return l.floatingUsers !== null
    ? { code: "NO_FLOATING_SEAT", detail: `All ${l.floatingUsers} floating seats are in use` }
    : { code: "TOO_MANY_ACTIVATIONS", detail: `All ${l.maxActivations} activations are in use` };
}

/**
 * Which code a validation answers, in this order: standing (DISABLED, EXPIRED), the user, the machine
 * (NOT_ACTIVATED, or no slot left for it), consumption, features, then the version against maintenance.
 */
export function decideValidation(l: LicenseSnapshot, machines: MachineSnapshot[], ask: ValidationAsk, now: Date): Verdict {
  const refused = standing(l, now);
  if (refused) return refused;
  if (ask.userEmail !== undefined && (l.spec.authorizationMethod === "user" || l.userEmails.length > 0)) {
    if (!l.userEmails.includes(ask.userEmail.toLowerCase())) return { code: "USER_NOT_AUTHORIZED", detail: `${ask.userEmail} is not a user of this license` };
  }
  const live = liveMachines(machines, now);
  if (live.length > slotsOf(l)) return noSlot(l);
  if (ask.fingerprint !== undefined && !live.some((m) => m.fingerprint === ask.fingerprint)) {
    if (live.length >= slotsOf(l)) return noSlot(l);
    return { code: "NOT_ACTIVATED", detail: "This machine is not activated for the license" };
  }
  if (l.maxConsumptions !== null && l.consumptionUsed >= l.maxConsumptions) {
    return { code: "CONSUMPTION_EXCEEDED", detail: `All ${l.maxConsumptions} units are used` };
  }
  const features = entitledFeatures(l);
  const missing = (ask.features ?? []).filter((f) => !features.includes(f));
  if (missing.length > 0) return { code: "FEATURE_MISSING", detail: `Not licensed: ${missing.join(", ")}` };
  if (ask.versionReleasedAt && l.maintenanceUntil && ask.versionReleasedAt > l.maintenanceUntil) {
    return { code: "MAINTENANCE_EXPIRED", detail: `This version was released after maintenance ended (${l.maintenanceUntil.toISOString()})` };
  }
  return VALID;
}

export type ActivationDecision =
  | { kind: "refuse"; verdict: Verdict }
  /** The fingerprint holds a live slot already: nothing is taken, a floating lease is renewed. */
  | { kind: "renew"; machine: MachineSnapshot }
  /** A free slot is taken (a new machine, or one deactivated or lapsed before). */
  | { kind: "take" };

/** Whether a machine may activate: never on a disabled or expired license, and never past its slots. */
export function decideActivation(l: LicenseSnapshot, machines: MachineSnapshot[], fingerprint: string, now: Date): ActivationDecision {
  const refused = standing(l, now);
  if (refused) return { kind: "refuse", verdict: refused };
  const live = liveMachines(machines, now);
  const own = live.find((m) => m.fingerprint === fingerprint);
  if (own) return { kind: "renew", machine: own };
  if (live.length >= slotsOf(l)) return { kind: "refuse", verdict: noSlot(l) };
  return { kind: "take" };
}

/** A heartbeat renews a live lease only: a lapsed one must activate again (and may find its seat taken). */
export function decideHeartbeat(l: LicenseSnapshot, machines: MachineSnapshot[], fingerprint: string, now: Date): { ok: true; machine: MachineSnapshot } | { ok: false; verdict: Verdict } {
  const refused = standing(l, now);
  if (refused) return { ok: false, verdict: refused };
  const own = liveMachines(machines, now).find((m) => m.fingerprint === fingerprint);
  if (!own) return { ok: false, verdict: { code: "NOT_ACTIVATED", detail: "This machine holds no activation (a floating lease lapses without heartbeats)" } };
  return { ok: true, machine: own };
}

/** Units may be used on a valid license only; the limit itself is checked by the statement that counts them. */
export function decideConsumption(l: LicenseSnapshot, amount: number, now: Date): Verdict | null {
  const refused = standing(l, now);
  if (refused) return refused;
  if (l.maxConsumptions !== null && l.consumptionUsed + amount > l.maxConsumptions) {
    return { code: "CONSUMPTION_EXCEEDED", detail: `${amount} more would pass the limit of ${l.maxConsumptions} (${l.consumptionUsed} used)` };
  }
  return null;
}

/** What a license grants, as answers show it. */
export function entitlementsOf(l: LicenseSnapshot, machines: MachineSnapshot[], now: Date): Entitlements {
  return {
    licenseType: l.spec.licenseType,
    product: l.productCode,
    expiresAt: l.expiresAt?.toISOString() ?? null,
    graceUntil: l.graceUntil?.toISOString() ?? null,
    maintenanceUntil: l.maintenanceUntil?.toISOString() ?? null,
    features: entitledFeatures(l),
    featureSets: l.spec.featureSets ?? [],
    customFields: l.spec.customFields ?? {},
    majorVersion: l.spec.majorVersion ?? null,
    minorVersion: l.spec.minorVersion ?? null,
    maxActivations: l.maxActivations,
    activationsUsed: liveMachines(machines, now).length,
    floatingUsers: l.floatingUsers,
    maxLicenseUsers: l.maxLicenseUsers,
    consumptionUsed: l.consumptionUsed,
    maxConsumptions: l.maxConsumptions,
  };
}
