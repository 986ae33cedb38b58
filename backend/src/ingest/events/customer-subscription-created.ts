import { subscriptionEventHandler } from "./subscription-event";

/** Records the subscription's first state; licenses wait for its first paid invoice. */
export const customerSubscriptionCreated = subscriptionEventHandler("customer.subscription.created", false, "created");
