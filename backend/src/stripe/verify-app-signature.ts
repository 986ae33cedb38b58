import Stripe from "stripe";
import { AuthenticationError } from "../errors";

const TOLERANCE_SECONDS = 300;
const signatures = new Stripe("sk_test_verification_only").webhooks.signature;

/**
 * Checks a Stripe App's `Stripe-Signature` (from the view's fetchStripeSignature()) over the identity it
 * signs: exactly `{"user_id":…,"account_id":…}`, in that order. Each configured app secret is tried, so a
 * secret being rolled keeps working during the overlap. Says what is wrong, never which secret was close.
 */
export function verifyAppSignature(identity: { user_id: string; account_id: string }, signature: string | undefined, secrets: string[]): void {
  if (secrets.length === 0) {
    throw new AuthenticationError("The dashboard API is off: STRIPE_APP_SECRET (the Stripe App's signing secret, absec_…) is not set");
  }
  if (!signature) throw new AuthenticationError("Missing Stripe-Signature header (the app signs each call with fetchStripeSignature())");
  const payload = JSON.stringify({ user_id: identity.user_id, account_id: identity.account_id });
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1]);
  if (!Number.isFinite(signedAt)) throw new AuthenticationError("Malformed Stripe-Signature header: expected t=…,v1=…");
  if (Math.abs(signedAt - Date.now() / 1000) > TOLERANCE_SECONDS) {
    throw new AuthenticationError(`The signature's timestamp is more than ${TOLERANCE_SECONDS} s away from this server's clock`);
  }
  if (!signatures) throw new Error("This Stripe SDK cannot verify signatures");
  for (const secret of secrets) {
    try {
      signatures.verifyHeader(payload, signature, secret, TOLERANCE_SECONDS);
      return;
    } catch {
      // the next secret may be the one
    }
  }
  throw new AuthenticationError("The signature does not match user_id and account_id for this app's signing secret");
}
