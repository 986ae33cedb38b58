import type { SecretBox } from "../crypto/secret-box";
import type { SealedTokens } from "../db/account-store";
import type { OAuthGrant } from "../stripe/stripe-oauth";

// Stripe Apps access tokens work for an hour; the refresh token renews them.
export const ACCESS_TOKEN_LIFETIME_MS = 60 * 60_000;

/** Each token is bound to its account and mode: a sealed token copied to another row does not open. */
export const tokenContext = (stripeAccountId: string, livemode: boolean, which: "access" | "refresh") =>
  `account:${stripeAccountId}:${livemode ? "live" : "test"}:${which}_token`;

export function sealGrant(box: SecretBox, grant: OAuthGrant, now = new Date()): SealedTokens {
  return {
    accessTokenEnc: box.seal(grant.accessToken, tokenContext(grant.stripeAccountId, grant.livemode, "access")),
    refreshTokenEnc: box.seal(grant.refreshToken, tokenContext(grant.stripeAccountId, grant.livemode, "refresh")),
    accessTokenExpiresAt: new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_MS),
  };
}
