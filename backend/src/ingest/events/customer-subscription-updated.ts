import { subscriptionEventHandler } from "./subscription-event";

/** Quantity, status and price changes: licenses are reconciled to the newest subscription state. */
export const customerSubscriptionUpdated = subscriptionEventHandler("customer.subscription.updated", false, "updated");
