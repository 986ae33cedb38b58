import type { CustomerFacts } from "./customer";
import type { SubscriptionView } from "./rules/reconcile-subscription";

export type SubscriptionItem = { itemId: string; priceId: string; quantity: number };

/** What one event says about a subscription: its items and status at `at`, and/or a paid period. */
export interface SubscriptionFacts {
  subscriptionId: string;
  customer: CustomerFacts;
  snapshot?: { at: Date; rank: number; status: string | null; items: SubscriptionItem[]; deleted: boolean };
  payment?: { invoiceId: string; periodEnd: Date; paidAt: Date };
  /** An invoice of the subscription was refunded in full. */
  refund?: { invoiceId: string };
}

/** `status` comes with subscription events; an invoice tells the items but not the status. */
export type QuantityEntry = { at: number; itemId: string; quantity: number; status?: string };

/**
 * The newest known state of a subscription, merged from all its events, so that its licenses can be
 * reconciled to it whatever order the events came in.
 */
export interface SubscriptionState {
  subscriptionId: string;
  stripeCustomerId: string | null;
  /** Stripe status of the newest snapshot; null until a subscription event was seen. */
  status: string | null;
  /** Items of the newest snapshot. */
  items: SubscriptionItem[] | null;
  /** `created` of the event that gave the snapshot: older events never replace it. */
  snapshotAt: Date | null;
  /** Breaks ties within one second: a subscription event outranks an invoice's view of the items. */
  snapshotRank: number;
  deletedAt: Date | null;
  /** Latest period end covered by a paid invoice. */
  paidThrough: Date | null;
  firstPaidInvoiceId: string | null;
  /** `created` of the earliest paid invoice's event: quantities seen from then on have licenses. */
  firstPaidAt: Date | null;
  /** Every (at, itemId, quantity) any event reported, stale ones too. */
  quantityLog: QuantityEntry[];
  /** When the subscription stopped being paid (status left active/trialing/past_due). */
  unpaidSince: Date | null;
  /** Invoices refunded in full, whether or not their payment has been seen yet. */
  refundedInvoiceIds: string[];
}

const LIVE = new Set(["active", "trialing", "past_due"]);

/**
 * When the subscription stopped being paid: the start of the newest unbroken run of statuses other than
 * active/trialing/past_due among all events seen, late ones included, so delivery order does not matter.
 */
function unpaidSinceOf(log: QuantityEntry[]): Date | null {
  let since: number | null = null;
  for (const e of log.filter((l) => l.status).sort((a, b) => a.at - b.at)) {
    if (LIVE.has(e.status!)) since = null;
    else since ??= e.at;
  }
  return since === null ? null : new Date(since);
}

/** The most units an item had at any moment from the first payment on. */
function peakQuantity(log: QuantityEntry[], firstPaidAt: Date | null, itemId: string): number {
  if (!firstPaidAt) return 0;
  const from = firstPaidAt.getTime();
  return log.reduce((max, e) => (e.itemId === itemId && e.at >= from ? Math.max(max, e.quantity) : max), 0);
}

export function viewOf(state: SubscriptionState): SubscriptionView {
  const items = state.items ?? [];
  return {
    subscriptionId: state.subscriptionId,
    status: state.status,
    deleted: state.deletedAt !== null,
    items: items.map((i) => ({ ...i, peakQuantity: peakQuantity(state.quantityLog, state.firstPaidAt, i.itemId) })),
    paidThrough: state.paidThrough,
    paid: state.firstPaidInvoiceId !== null,
    firstInvoiceId: state.firstPaidInvoiceId,
    unpaidSince: state.unpaidSince,
    refunded: state.firstPaidInvoiceId !== null && state.refundedInvoiceIds.includes(state.firstPaidInvoiceId),
  };
}

/** Whether anything was known of the subscription before (a snapshot or a payment). */
export const isKnown = (state: SubscriptionState) => state.snapshotAt !== null || state.firstPaidInvoiceId !== null;

function isNewer(state: SubscriptionState, at: Date, rank: number): boolean {
  if (state.deletedAt) return false;
  if (!state.snapshotAt) return true;
  return at > state.snapshotAt || (at.getTime() === state.snapshotAt.getTime() && rank >= state.snapshotRank);
}

export interface Folded {
  state: SubscriptionState;
  /** The event changed the state (so it must be written). */
  changed: boolean;
  /** The event's snapshot is older than the one applied: it is only recorded. */
  stale: boolean;
  /** The event paid a further period. */
  renewed: boolean;
}

/** Folds one event into the state: newer snapshots win, paid periods only grow, every quantity is logged. */
export function foldFacts(state: SubscriptionState, facts: SubscriptionFacts): Folded {
  const patch: Partial<SubscriptionState> = {};
  let stale = false;
  const snap = facts.snapshot;
  if (snap) {
    const log = state.quantityLog;
    const entries: QuantityEntry[] = snap.items
      .map((i) => ({ at: snap.at.getTime(), itemId: i.itemId, quantity: i.quantity, ...(snap.status ? { status: snap.status } : {}) }))
      .filter((e) => !log.some((l) => l.at === e.at && l.itemId === e.itemId && l.quantity === e.quantity && l.status === e.status));
    if (entries.length > 0) {
      const quantityLog = [...log, ...entries];
      patch.quantityLog = quantityLog;
      const unpaidSince = unpaidSinceOf(quantityLog);
      if (unpaidSince?.getTime() !== state.unpaidSince?.getTime()) patch.unpaidSince = unpaidSince;
    }
    if (isNewer(state, snap.at, snap.rank)) {
      Object.assign(patch, {
        status: snap.status,
        items: snap.items,
        snapshotAt: snap.at,
        snapshotRank: snap.rank,
        ...(snap.deleted ? { deletedAt: snap.at } : {}),
        ...(facts.customer.stripeCustomerId ? { stripeCustomerId: facts.customer.stripeCustomerId } : {}),
      });
    } else {
      stale = true;
    }
  }
  let renewed = false;
  if (facts.payment) {
    const { invoiceId, periodEnd, paidAt } = facts.payment;
    if (!state.paidThrough || periodEnd > state.paidThrough) {
      renewed = state.paidThrough !== null;
      patch.paidThrough = periodEnd;
    }
    // The earliest payment made the licenses, whichever invoice.paid was delivered first.
    if (!state.firstPaidAt || paidAt < state.firstPaidAt) Object.assign(patch, { firstPaidAt: paidAt, firstPaidInvoiceId: invoiceId });
  }
  if (facts.refund && !state.refundedInvoiceIds.includes(facts.refund.invoiceId)) {
    patch.refundedInvoiceIds = [...state.refundedInvoiceIds, facts.refund.invoiceId];
  }
  return { state: { ...state, ...patch }, changed: Object.keys(patch).length > 0, stale, renewed };
}

/** Grace is judged at the newest moment any event told of, so an older event delivered last decides nothing. */
export function judgedAt(state: SubscriptionState, now: Date): Date {
  return new Date(Math.max(now.getTime(), ...state.quantityLog.map((e) => e.at)));
}
