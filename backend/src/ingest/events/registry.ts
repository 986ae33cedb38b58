import { accountApplicationDeauthorized } from "./account-application-deauthorized";
import { chargeRefunded } from "./charge-refunded";
import { checkoutSessionAsyncPaymentSucceeded, checkoutSessionCompleted } from "./checkout-session-completed";
import { customerSubscriptionCreated } from "./customer-subscription-created";
import { customerSubscriptionDeleted } from "./customer-subscription-deleted";
import { customerSubscriptionUpdated } from "./customer-subscription-updated";
import { entitlementsActiveEntitlementSummaryUpdated } from "./entitlements-active-entitlement-summary-updated";
import type { EventHandler } from "./handler";
import { invoicePaid } from "./invoice-paid";
import { priceUpdated } from "./price-updated";
import { productUpdated } from "./product-updated";

const handlers: EventHandler<any>[] = [
  checkoutSessionCompleted,
  checkoutSessionAsyncPaymentSucceeded,
  invoicePaid,
  customerSubscriptionCreated,
  customerSubscriptionUpdated,
  customerSubscriptionDeleted,
  chargeRefunded,
  entitlementsActiveEntitlementSummaryUpdated,
  accountApplicationDeauthorized,
  priceUpdated,
  productUpdated,
];

const byType = new Map(handlers.map((h) => [h.type, h]));

export function handlerFor(type: string): EventHandler<unknown> | undefined {
  return byType.get(type);
}

export const HANDLED_EVENT_TYPES = [...byType.keys()];
