import { subscriptionEventHandler } from "./subscription-event";

/** The subscription ended: every license of it is disabled, and no later event revives it. */
export const customerSubscriptionDeleted = subscriptionEventHandler("customer.subscription.deleted", true, "canceled");
