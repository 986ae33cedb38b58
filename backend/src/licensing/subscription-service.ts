import type { SqlTx } from "../db/sql";
import type { CustomerFacts } from "../db/customer-repo";
import type { DeferredWrite } from "../db/deferred-writes";
import {
  lockSubscription,
  patchSubscriptionState,
  type SubscriptionStatePatch,
  type SubscriptionStateRow,
} from "../db/subscription-state-repo";
import type { PriceSpec } from "../stripe/price-specs";
import { licensedPrices, MissingPrices } from "../stripe/price-specs";
import type { Cause } from "./cause";
import { deferLicenseChanges, type DeferredChanges } from "./license-service";
import { planPrices, type AccountScope } from "./plan-lines";
import { reconcileSubscription, type SubscriptionView } from "./rules/reconcile-subscription";

export type SubscriptionItem = { itemId: string; priceId: string; quantity: number };

/** What one event says about a subscription: its items and status at `at`, and/or a paid period. */
export interface SubscriptionFacts {
  subscriptionId: string;
  customer: CustomerFacts;
  snapshot?: { at: Date; rank: number; status: string | null; items: SubscriptionItem[]; deleted: boolean };
  payment?: { invoiceId: string; periodEnd: Date; paidAt: Date };
}

const LIVE = new Set(["active", "trialing", "past_due"]);

/** `status` comes with subscription events; an invoice tells the items but not the status. */
type QuantityEntry = { at: number; itemId: string; quantity: number; status?: string };

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

function toView(row: SubscriptionStateRow): SubscriptionView {
  const log = row.quantityLog as QuantityEntry[];
  const items = (row.items as SubscriptionItem[] | null) ?? [];
  return {
    subscriptionId: row.stripeSubscriptionId,
    status: row.status,
    deleted: row.deletedAt !== null,
    items: items.map((i) => ({ ...i, peakQuantity: peakQuantity(log, row.firstPaidAt, i.itemId) })),
    paidThrough: row.paidThrough,
    paid: row.firstPaidInvoiceId !== null,
    firstInvoiceId: row.firstPaidInvoiceId,
    unpaidSince: row.unpaidSince,
  };
}

function isNewer(row: SubscriptionStateRow, at: Date, rank: number): boolean {
  if (row.deletedAt) return false;
  if (!row.snapshotAt) return true;
  return at > row.snapshotAt || (at.getTime() === row.snapshotAt.getTime() && rank >= row.snapshotRank);
}

export interface SyncResult extends DeferredChanges {
  stale: boolean;
  ignoredAll: boolean;
}

/**
 * Folds one event into the subscription's state (newer snapshots win; paid periods only grow), then
 * reconciles the subscription's licenses to that state. Reads and locks now; the writes come back for the
 * statement that records the event.
 */
export async function syncSubscription(
  tx: SqlTx,
  account: AccountScope,
  facts: SubscriptionFacts,
  priceSpecs: Map<string, PriceSpec>,
  cause: Cause,
  now: Date,
): Promise<SyncResult> {
  const { state: row, licenses } = await lockSubscription(tx, account.id, facts.subscriptionId);
  const previous = row.snapshotAt || row.firstPaidInvoiceId ? toView(row) : null;
  const data: SubscriptionStatePatch = {};
  let stale = false;

  const snap = facts.snapshot;
  if (snap) {
    const log = row.quantityLog as QuantityEntry[];
    const entries: QuantityEntry[] = snap.items
      .map((i) => ({ at: snap.at.getTime(), itemId: i.itemId, quantity: i.quantity, ...(snap.status ? { status: snap.status } : {}) }))
      .filter((e) => !log.some((l) => l.at === e.at && l.itemId === e.itemId && l.quantity === e.quantity && l.status === e.status));
    if (entries.length > 0) {
      const quantityLog = [...log, ...entries];
      data.quantityLog = quantityLog;
      const unpaidSince = unpaidSinceOf(quantityLog);
      if (unpaidSince?.getTime() !== row.unpaidSince?.getTime()) data.unpaidSince = unpaidSince;
    }
    if (isNewer(row, snap.at, snap.rank)) {
      Object.assign(data, {
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
    const { invoiceId, periodEnd } = facts.payment;
    if (!row.paidThrough || periodEnd > row.paidThrough) {
      renewed = row.paidThrough !== null;
      data.paidThrough = periodEnd;
    }
    if (!row.firstPaidInvoiceId) data.firstPaidInvoiceId = invoiceId;
    if (!row.firstPaidAt || facts.payment.paidAt < row.firstPaidAt) data.firstPaidAt = facts.payment.paidAt;
  }
  const { updated, write: stateWrite } = patchSubscriptionState(row, data);
  const stateWrites: DeferredWrite[] = stateWrite ? [stateWrite] : [];
  const view = toView(updated);
  // Grace is judged at the newest moment any event told of, so an older event delivered last decides nothing.
  const asOf = new Date(Math.max(now.getTime(), ...(updated.quantityLog as QuantityEntry[]).map((e) => e.at)));

  const licensed = licensedPrices(priceSpecs);
  const missing = view.items.filter((i) => !priceSpecs.has(i.priceId));
  if (missing.length > 0) {
    throw new MissingPrices(missing.map((i) => i.priceId), priceSpecs);
  }
  const licensedView: SubscriptionView = { ...view, items: view.items.filter((i) => licensed.has(i.priceId)) };
  if (licensedView.items.length === 0 && licenses.length === 0) {
    return { writes: stateWrites, created: [], changed: 0, stale, ignoredAll: view.items.length > 0 };
  }
  const plans = await planPrices(tx, account, new Map([...licensed].filter(([id]) => licensedView.items.some((i) => i.priceId === id))));
  const changes = reconcileSubscription({
    view: licensedView,
    previous: previous && { ...previous, items: previous.items.filter((i) => licensed.has(i.priceId)) },
    licenses,
    plans,
    now: asOf,
    renewed,
  });
  const deferred = deferLicenseChanges({ accountId: account.id, customer: facts.customer, cause }, changes);
  return { ...deferred, writes: [...stateWrites, ...deferred.writes], stale, ignoredAll: false };
}
