import Stripe from "stripe";

export interface SignedDelivery {
  body: string;
  headers: { "stripe-signature": string; "content-type": "application/json" };
}

/**
 * The request Stripe would POST to a webhook endpoint. Stripe pretty-prints the payload, so a receiver
 * that verifies a re-serialized body instead of the raw one fails here as it would in production.
 * The signature is timestamped with the real current time by default (not the world clock), because
 * receivers check it against their own clock with a tolerance.
 */
export function signEvent(event: object, secret: string, opts: { timestamp?: number } = {}): SignedDelivery {
  return signPayload(JSON.stringify(event, null, 2), secret, opts);
}

/** Signs a body given as text, e.g. one no serialiser would write (nesting past any parser's depth). */
export function signPayload(payload: string, secret: string, opts: { timestamp?: number } = {}): SignedDelivery {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body: payload,
    headers: {
      "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }),
      "content-type": "application/json",
    },
  };
}
