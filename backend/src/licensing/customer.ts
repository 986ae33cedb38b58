/** What an event tells about the buyer; a guest checkout has no Stripe customer. */
export interface CustomerFacts {
  stripeCustomerId: string | null;
  email: string | null;
  name: string | null;
}
