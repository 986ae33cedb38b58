import Stripe from "stripe";

/**
 * A Stripe SDK client. STRIPE_API_URL points it at any Stripe-compatible server (the tests' fake);
 * retries with backoff are the SDK's own.
 */
export function createStripeClient(secretKey: string, apiUrl?: URL): Stripe {
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(apiUrl
      ? {
          host: apiUrl.hostname,
          port: Number(apiUrl.port || (apiUrl.protocol === "https:" ? 443 : 80)),
          protocol: apiUrl.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}
