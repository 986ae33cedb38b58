export { startFakeStripe, type FakeStripe, type FakeStripeOptions, type FailureMatch, type LoggedRequest } from "./server";
export { FakeStore, AccountScope } from "./store";
export { StripeWorld, type WorldOptions, type LineInput, type ItemRef } from "./world";
export { signEvent, type SignedDelivery } from "./sign";
