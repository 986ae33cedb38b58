import { customerFactsWrite } from "../../db/customer-store";
import { deferLicenseChanges, type DeferredChanges } from "../../db/licenses/license-store";
import type { SqlTx } from "../../db/sql";
import { lockSubscription, subscriptionStateWrite } from "../../db/subscription-state-store";
import type { Account } from "../../licensing/account";
import type { Cause } from "../../licensing/cause";
import { reconcileSubscription, type SubscriptionView } from "../../licensing/rules/reconcile-subscription";
import { foldFacts, isKnown, judgedAt, viewOf, type SubscriptionFacts } from "../../licensing/subscription-state";
import { planPrices } from "./plan-prices";
import { licensedPrices, MissingPrices, type PriceSpec } from "./price-specs";

export interface SyncResult extends DeferredChanges {
  stale: boolean;
  ignoredAll: boolean;
  /** Licenses the subscription had before this event. */
  existing: number;
}

/**
 * Folds one event into the subscription's state, then reconciles the subscription's licenses to that
 * state. Reads and locks now; the writes come back for the statement that records the event.
 */
export async function syncSubscription(
  tx: SqlTx,
  account: Pick<Account, "id" | "catalogVersion">,
  facts: SubscriptionFacts,
  priceSpecs: Map<string, PriceSpec>,
  cause: Cause,
  now: Date,
): Promise<SyncResult> {
  const { stored, licenses } = await lockSubscription(tx, account.id, facts.subscriptionId);
  const previous = isKnown(stored.state) ? viewOf(stored.state) : null;
  const folded = foldFacts(stored.state, facts);
  const stateWrites = folded.changed ? [subscriptionStateWrite(stored.rowId, folded.state)] : [];
  const view = viewOf(folded.state);

  const missing = view.items.filter((i) => !priceSpecs.has(i.priceId));
  if (missing.length > 0) throw new MissingPrices(missing.map((i) => i.priceId), priceSpecs);
  const licensed = licensedPrices(priceSpecs);
  const licensedView: SubscriptionView = { ...view, items: view.items.filter((i) => licensed.has(i.priceId)) };
  if (licensedView.items.length === 0 && licenses.length === 0) {
    return { writes: stateWrites, created: [], changed: 0, stale: folded.stale, ignoredAll: view.items.length > 0, existing: 0 };
  }
  const plans = await planPrices(tx, account, new Map([...licensed].filter(([id]) => licensedView.items.some((i) => i.priceId === id))));
  const changes = reconcileSubscription({
    view: licensedView,
    previous: previous && { ...previous, items: previous.items.filter((i) => licensed.has(i.priceId)) },
    licenses,
    plans,
    now: judgedAt(folded.state, now),
    renewed: folded.renewed,
  });
  const deferred = deferLicenseChanges({ accountId: account.id, customer: facts.customer, cause }, changes);
  // New licenses record the customer with themselves; otherwise what the event tells of the customer (an
  // invoice's email, delivered after the licenses were made) is recorded on its own.
  const customer = deferred.created.length === 0 ? customerFactsWrite(account.id, facts.customer) : null;
  return {
    ...deferred,
    writes: [...stateWrites, ...deferred.writes, ...(customer ? [customer] : [])],
    stale: folded.stale,
    ignoredAll: false,
    existing: licenses.length,
  };
}
