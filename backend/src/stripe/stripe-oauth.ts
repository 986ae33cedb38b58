import Stripe from "stripe";
import { UnavailableError } from "../errors";

/** What Stripe grants when a vendor connects (or a refresh renews it). */
export interface OAuthGrant {
  accessToken: string;
  refreshToken: string;
  stripeAccountId: string;
  livemode: boolean;
}

/** Stripe refused the code or refresh token: used, expired, revoked, or another mode's. Retrying cannot help. */
export class OAuthRefused extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "OAuthRefused";
  }
}

function grantOf(token: Stripe.OAuthToken): OAuthGrant {
  if (!token.access_token || !token.refresh_token || !token.stripe_user_id) {
    throw new OAuthRefused("incomplete_grant", "Stripe's token answer lacks the access token, refresh token or account id");
  }
  return { accessToken: token.access_token, refreshToken: token.refresh_token, stripeAccountId: token.stripe_user_id, livemode: token.livemode ?? false };
}

async function tokenCall(call: () => Promise<Stripe.OAuthToken>): Promise<OAuthGrant> {
  try {
    return grantOf(await call());
  } catch (err) {
    if (err instanceof OAuthRefused) throw err;
    if (err instanceof Stripe.errors.StripeOAuthError) {
      throw new OAuthRefused(err.type === "StripeInvalidGrantError" ? "invalid_grant" : (err.code ?? "oauth_error"), err.message);
    }
    if (err instanceof Stripe.errors.StripeConnectionError || err instanceof Stripe.errors.StripeAPIError) {
      throw new UnavailableError(`Stripe could not be reached to finish the connection: ${err.message}`);
    }
    throw err;
  }
}

/** Stripe's OAuth endpoints, with the platform's secret key: codes become tokens, refresh tokens renew them. */
export class StripeOAuth {
  constructor(private readonly stripe: Stripe) {}

  exchangeCode(code: string): Promise<OAuthGrant> {
    return tokenCall(() => this.stripe.oauth.token({ grant_type: "authorization_code", code }));
  }

  refresh(refreshToken: string): Promise<OAuthGrant> {
    return tokenCall(() => this.stripe.oauth.token({ grant_type: "refresh_token", refresh_token: refreshToken }));
  }

  /** The account's name as its Dashboard shows it, read with its own access token. */
  async displayName(accessToken: string): Promise<string | null> {
    try {
      const account = await this.stripe.accounts.retrieveCurrent({}, { apiKey: accessToken });
      return account.settings?.dashboard?.display_name ?? account.business_profile?.name ?? null;
    } catch {
      // A name is a nicety: the connection stands without it.
      return null;
    }
  }

  /** The id of the account a secret key belongs to (the operator's own, for the dashboard to find it). */
  async ownAccountId(): Promise<string> {
    const account = await this.stripe.accounts.retrieveCurrent();
    return account.id;
  }
}
