import { LicensingFailure } from "../failures";
import type { LinePlan } from "../resolved-spec";
import { graceEnd, licenseExpiry } from "./expiry";
import { newLicense, type StartStatus } from "./new-license";
import type { LicenseChange, LicenseState } from "./license-change";
import { assertLicenseCount } from "./license-cap";
import { assertOneBundlePerOrder } from "./one-bundle-per-order";
import { licensesOfUnit, unitCount, type UnitLicense } from "./unit-licenses";
import { REFUND_REASON } from "./refund";

/** Stripe statuses of a paid subscription: its licenses are active. */
const PAID_STATUSES = new Set(["active", "trialing"]);
/** Stripe is retrying a failed payment: licenses keep working through the unpaid grace, if the price grants one. */
const UNPAID_STATUSES = new Set(["past_due", "unpaid"]);
/** Statuses that end a subscription for good: no unpaid grace applies. */
const FINAL_STATUSES = new Set(["canceled", "incomplete_expired"]);

/** The newest known state of a subscription, merged from all its events (SubscriptionState). */
export interface SubscriptionView {
  subscriptionId: string;
  /** null until a subscription event was seen: a paid invoice alone means it is live. */
  status: string | null;
  deleted: boolean;
  /** `peakQuantity`: the most units the item had while paid; that many exist, the rest disabled. */
  items: { itemId: string; priceId: string; quantity: number; peakQuantity: number }[];
  paidThrough: Date | null;
  /** A paid invoice was seen: only then do licenses exist. */
  paid: boolean;
  firstInvoiceId: string | null;
  unpaidSince: Date | null;
  /** The invoice that created the licenses was refunded in full: they stay disabled (a person may enable them). */
  refunded: boolean;
}

export interface ReconcileInput {
  view: SubscriptionView;
  /** The view before this event, to tell what this event changed. */
  previous: SubscriptionView | null;
  licenses: LicenseState[];
  plans: ReadonlyMap<string, LinePlan>;
  /** The event's time: grace periods are judged against it, so replays give the same answer. */
  now: Date;
  /** This event paid a new period: consumption counters start again. */
  renewed: boolean;
}


/**
 * When the unpaid grace (`unpaid_active_license_period`) of a unit ends, or null when it has none. While
 * Stripe retries a payment (past_due, unpaid) the grace runs from the end of the paid validity (the paid
 * period plus added days); for other unpaid statuses (paused, incomplete) from when payment stopped.
 */
function graceUntil(view: SubscriptionView, unit: UnitLicense): Date | null {
  const status = view.status ?? "";
  if (UNPAID_STATUSES.has(status)) {
    const paidUntil = view.paidThrough ? licenseExpiry(unit.spec, view.paidThrough, view.paidThrough) : null;
    const from = paidUntil ?? view.unpaidSince;
    return from ? graceEnd(unit.spec, from) : null;
  }
  if (!FINAL_STATUSES.has(status) && view.unpaidSince) return graceEnd(unit.spec, view.unpaidSince);
  return null;
}

function wantedStatus(view: SubscriptionView, unit: UnitLicense, now: Date): StartStatus {
  if (view.refunded) return { active: false, reason: REFUND_REASON };
  if (view.deleted) return { active: false, reason: "subscription canceled" };
  if (view.status === null || PAID_STATUSES.has(view.status)) return { active: true, graceUntil: null };
  const until = graceUntil(view, unit);
  if (until && now < until) return { active: true, graceUntil: until };
  if (until) return { active: false, reason: `subscription ${view.status}; unpaid grace ended ${until.toISOString()}` };
  // Without a grace, past_due keeps the licenses working while Stripe retries (seed 004).
  if (view.status === "past_due") return { active: true, graceUntil: null };
  return { active: false, reason: `subscription ${view.status}` };
}

function planFor(plans: ReadonlyMap<string, LinePlan>, priceId: string): LinePlan {
  const plan = plans.get(priceId);
  if (!plan) throw new Error(`No resolved plan for price ${priceId}`);
  return plan;
}

/**
 * Whether the license was sold by a plan of the same kind: a product license may move to another
 * product, a bundle's licenses only to another price of the same bundle. A bundle's own license and a
 * product license share the member code "", so the spec tells them apart.
 */
function sameSale(license: LicenseState, plan: LinePlan): boolean {
  const fromBundle = license.bundleMemberCode !== "" || license.spec.productId === null;
  if (plan.kind === "product") return !fromBundle;
  return fromBundle && (license.bundleMemberCode !== "" || license.spec.productCode === plan.bundleCode);
}

function planShape(plan: LinePlan): string {
  return plan.kind === "product" ? "product" : `bundle ${plan.bundleCode}`;
}

/**
 * The changes that bring a subscription's licenses in line with its newest state. It depends only on the
 * state and the stored licenses, never on the order events came in, so any delivery order converges.
 */
export function reconcileSubscription(input: ReconcileInput): LicenseChange[] {
  const { view, licenses, plans, now } = input;
  assertOneBundlePerOrder(view.items.map((i) => planFor(plans, i.priceId)));
  const changes: LicenseChange[] = [];
  const itemIds = new Set(view.items.map((i) => i.itemId));
  let toCreate = 0;

  for (const license of licenses) {
    if (license.subscriptionItemId && !itemIds.has(license.subscriptionItemId) && license.status === "ACTIVE") {
      changes.push({ kind: "disable", licenseId: license.id, reason: "item removed from subscription", message: "Disabled: its item was removed from the subscription" });
    }
  }

  for (const item of view.items) {
    const plan = planFor(plans, item.priceId);
    const units = licensesOfUnit(plan, item.quantity);
    const ofItem = licenses.filter((l) => l.subscriptionItemId === item.itemId);
    const byUnit = new Map<number, LicenseState[]>();
    for (const l of ofItem) byUnit.set(l.unitIndex, [...(byUnit.get(l.unitIndex) ?? []), l]);
    const needed = unitCount(plan, item.quantity);
    const existing = unitCount(plan, Math.max(item.peakQuantity, item.quantity));

    // Keep the units people use most; on a quantity drop the newest, least activated ones go first. A unit
    // disabled by hand goes before all of them: it does not work anyway, and the customer still pays for
    // as many working licenses as the quantity says.
    const ranked = [...byUnit.entries()]
      .map(([unitIndex, ls]) => ({
        unitIndex,
        ls,
        byHand: ls.some((l) => l.manuallyDisabled) ? 1 : 0,
        activations: ls.reduce((n, l) => n + l.activationCount, 0),
      }))
      .sort((a, b) => a.byHand - b.byHand || b.activations - a.activations || a.unitIndex - b.unitIndex);
    const kept = new Set(ranked.slice(0, needed).map((u) => u.unitIndex));
    // Which units the previous state wanted, so a skipped re-enable after a quantity rise is recorded too.
    const before = input.previous?.items.find((i) => i.itemId === item.itemId);
    const keptBefore = new Set(before ? ranked.slice(0, unitCount(plan, before.quantity)).map((u) => u.unitIndex) : []);

    for (const { unitIndex, ls } of ranked) {
      for (const license of ls) {
        const unit = units.find((u) => u.bundleMemberCode === license.bundleMemberCode);
        if (!unit || !sameSale(license, plan)) {
          throw new LicensingFailure(
            "UNSUPPORTED_CHANGE",
            `Subscription item ${item.itemId} moved to price ${item.priceId} (${planShape(plan)}), which does not sell license "${license.bundleMemberCode || "main"}"; moving between a product and a bundle, or between bundles, is not supported`,
          );
        }
        changes.push(...reconcileLicense(input, license, unit, kept.has(unitIndex), keptBefore.has(unitIndex), item.priceId));
      }
    }

    if (!view.paid) continue;
    toCreate += Math.max(0, existing - byUnit.size) * units.length;
    assertLicenseCount(toCreate, `Subscription ${view.subscriptionId}`);
    let nextIndex = ranked.reduce((max, u) => Math.max(max, u.unitIndex + 1), 0);
    // Units beyond today's quantity are made too, disabled: in-order delivery would have made them.
    for (let missing = existing - byUnit.size; missing > 0; missing--, nextIndex++) {
      const isKept = kept.size < needed;
      if (isKept) kept.add(nextIndex);
      for (const unit of units) {
        const wanted: StartStatus = isKept ? wantedStatus(view, unit, now) : { active: false, reason: "quantity reduced" };
        changes.push({
          kind: "create",
          message: `Created for subscription ${view.subscriptionId}, unit ${nextIndex + 1}`,
          license: newLicense(unit, {
            sourceKey: `sub:${view.subscriptionId}:${item.itemId}:${nextIndex}:${unit.bundleMemberCode}`,
            unitIndex: nextIndex,
            startsAt: now,
            paidThrough: view.paidThrough,
            status: wanted,
            stripe: {
              subscriptionId: view.subscriptionId,
              subscriptionItemId: item.itemId,
              ...(view.firstInvoiceId ? { invoiceId: view.firstInvoiceId } : {}),
              priceId: item.priceId,
            },
          }),
        });
      }
    }
  }
  return changes;
}

function reconcileLicense(
  input: ReconcileInput,
  license: LicenseState,
  unit: UnitLicense,
  kept: boolean,
  keptBefore: boolean,
  priceId: string,
): LicenseChange[] {
  const { view, previous, now } = input;
  const changes: LicenseChange[] = [];
  const id = license.id;

  const expiresAt = licenseExpiry(unit.spec, now, view.paidThrough);
  const limitsChanged =
    license.maxActivations !== unit.maxActivations ||
    license.floatingUsers !== unit.floatingUsers ||
    license.maxLicenseUsers !== unit.maxLicenseUsers;
  if (license.priceId !== priceId || limitsChanged) {
    changes.push({
      kind: "respec",
      licenseId: id,
      spec: unit.spec,
      priceId,
      maxActivations: unit.maxActivations,
      floatingUsers: unit.floatingUsers,
      maxLicenseUsers: unit.maxLicenseUsers,
      expiresAt,
      message:
        license.priceId !== priceId
          ? `Moved from price ${license.priceId ?? "none"} to ${priceId}`
          : `Limits follow quantity: ${unit.maxActivations} activations${unit.floatingUsers !== null ? `, ${unit.floatingUsers} simultaneous users` : ""}`,
    });
  } else if ((license.expiresAt?.getTime() ?? null) !== (expiresAt?.getTime() ?? null)) {
    changes.push({ kind: "extend", licenseId: id, expiresAt, message: `Valid until ${expiresAt?.toISOString() ?? "no end"}` });
  }
  if (view.firstInvoiceId && license.invoiceId !== view.firstInvoiceId) {
    changes.push({ kind: "relink", licenseId: id, invoiceId: view.firstInvoiceId, message: `Sold by invoice ${view.firstInvoiceId}, the subscription's first paid invoice` });
  }
  if (input.renewed && unit.spec.licenseType === "consumption") {
    changes.push({ kind: "resetConsumption", licenseId: id, message: "Consumption reset for the new billing period" });
  }

  const wanted: StartStatus = kept ? wantedStatus(view, unit, now) : { active: false, reason: "quantity reduced" };
  if (!wanted.active) {
    if (license.status === "ACTIVE") {
      changes.push({ kind: "disable", licenseId: id, reason: wanted.reason, message: `Disabled: ${wanted.reason}` });
    }
    return changes;
  }
  if ((license.graceUntil?.getTime() ?? null) !== (wanted.graceUntil?.getTime() ?? null)) {
    changes.push({
      kind: "grace",
      licenseId: id,
      graceUntil: wanted.graceUntil,
      message: wanted.graceUntil ? `Unpaid: stays active until ${wanted.graceUntil.toISOString()}` : "Paid again: grace cleared",
    });
  }
  if (license.status === "DISABLED") {
    if (!license.manuallyDisabled) {
      changes.push({ kind: "enable", licenseId: id, message: "Enabled: subscription is live" });
    } else if (!previous || !keptBefore || !wasWanted(previous, unit, now)) {
      changes.push({
        kind: "note",
        licenseId: id,
        type: "AUTO_ENABLE_SKIPPED",
        message: "Subscription is live again, but the license stays disabled: it was disabled by hand",
      });
    }
  }
  return changes;
}

function wasWanted(previous: SubscriptionView, unit: UnitLicense, now: Date): boolean {
  return wantedStatus(previous, unit, now).active;
}
