import Stripe from "stripe";
import { WebhookSignatureError } from "../errors";

const TOLERANCE_SECONDS = 300;
// Verification needs no API key; one SDK instance serves every endpoint secret.
const verifier = new Stripe("sk_test_verification_only");

/**
 * Checks the `Stripe-Signature` header against the raw body with each endpoint secret we know (the own
 * account's endpoint, the Connect endpoint) and returns the parsed JSON, or says exactly what is wrong.
 */
export function verifyWebhook(rawBody: string, signature: string | undefined, secrets: string[]): unknown {
  if (secrets.length === 0) {
    throw new WebhookSignatureError("No webhook signing secret is configured (STRIPE_WEBHOOK_SECRET), so no event can be trusted");
  }
  if (!signature) throw new WebhookSignatureError("Missing Stripe-Signature header");
  // Stripe's check only looks back: a timestamp from the future would pass any tolerance.
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1]);
  const ahead = signedAt - Date.now() / 1000;
  if (ahead > TOLERANCE_SECONDS) {
    throw new WebhookSignatureError(`The signature's timestamp is ${Math.round(ahead)} s in the future; more than ${TOLERANCE_SECONDS} s of clock difference is refused`);
  }
  let lastError: unknown;
  for (const secret of secrets) {
    try {
      return verifier.webhooks.constructEvent(rawBody, signature, secret, TOLERANCE_SECONDS);
    } catch (err) {
      lastError = err;
    }
  }
  const message = lastError instanceof Error ? lastError.message : String(lastError);
  if (/timestamp outside the tolerance/i.test(message)) {
    throw new WebhookSignatureError(`Stale signature: its timestamp is more than ${TOLERANCE_SECONDS} s old`);
  }
  if (/Unable to extract timestamp and signatures/i.test(message)) {
    throw new WebhookSignatureError("Malformed Stripe-Signature header: expected t=…,v1=…");
  }
  if (lastError instanceof SyntaxError) throw new WebhookSignatureError("The body is not JSON");
  throw new WebhookSignatureError("No signature matches the body for any configured webhook secret");
}
