import { createPurchaseLicenses, type CreatedLicense } from "../../db/licenses/license-store";
import { lockPaymentIntent } from "../../db/payment-refund-store";
import type { SqlTx } from "../../db/sql";
import type { Account } from "../../licensing/account";
import type { Cause } from "../../licensing/cause";
import type { CustomerFacts } from "../../licensing/customer";
import { planOneOffPurchase } from "../../licensing/rules/plan-one-off-purchase";
import { planPrices } from "./plan-prices";
import { licensedPrices, type PriceSpec } from "./price-specs";

export interface OneOffPurchaseFacts {
  kind: "checkout" | "invoice";
  id: string;
  paymentIntentId: string | null;
  purchasedAt: Date;
  lines: { lineId: string; priceId: string; quantity: number }[];
  customer: CustomerFacts;
}

/**
 * Licenses a paid one-off purchase; `licensedLines` is 0 when every line's price is skipped. A purchase whose
 * payment was already refunded in full makes its licenses disabled.
 */
export async function licenseOneOffPurchase(
  tx: SqlTx,
  account: Pick<Account, "id" | "catalogVersion">,
  purchase: OneOffPurchaseFacts,
  priceSpecs: Map<string, PriceSpec>,
  cause: Cause,
): Promise<{ created: CreatedLicense[]; licensedLines: number }> {
  const licensed = licensedPrices(priceSpecs);
  const lines = purchase.lines.filter((l) => licensed.has(l.priceId) && l.quantity > 0);
  if (lines.length === 0) return { created: [], licensedLines: 0 };
  const [plans, payment] = await Promise.all([
    planPrices(tx, account, new Map([...licensed].filter(([id]) => lines.some((l) => l.priceId === id)))),
    purchase.paymentIntentId ? lockPaymentIntent(tx, account.id, purchase.paymentIntentId) : { refunded: false },
  ]);
  const changes = planOneOffPurchase({
    refunded: payment.refunded,
    kind: purchase.kind,
    id: purchase.id,
    paymentIntentId: purchase.paymentIntentId,
    purchasedAt: purchase.purchasedAt,
    lines: lines.map((l) => ({ ...l, plan: plans.get(l.priceId)! })),
  }).map((license) => ({ kind: "create" as const, license, message: `Created for ${purchase.kind} ${purchase.id}` }));
  const created = await createPurchaseLicenses(tx, { accountId: account.id, customer: purchase.customer, cause }, changes);
  return { created, licensedLines: lines.length };
}
