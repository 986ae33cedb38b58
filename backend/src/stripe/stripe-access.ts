import type Stripe from "stripe";
import type { Config } from "../config";
import type { Account } from "../licensing/account";
import { UnavailableError } from "../errors";
import { StripeGateway } from "./gateway";
import { PriceCache } from "./price-cache";
import { createStripeClient } from "./stripe-client";

/** What reaching an account's Stripe takes. */
type StripeAccountRef = Pick<Account, "id" | "kind" | "stripeAccountId">;

/** A connected account's current OAuth access token (renewed when due), or null when it has none. */
export type AccessTokenSource = (accountId: string) => Promise<string | null>;

/**
 * Hands out a gateway per account: the operator's own account uses STRIPE_SECRET_KEY directly; a connected
 * account is reached with its OAuth access token, or (an account connected before Tessera kept tokens)
 * with the platform key and its `Stripe-Account` header.
 */
export class StripeAccess {
  private readonly client: Stripe | null;
  readonly prices: PriceCache;
  private accessTokens: AccessTokenSource | undefined;

  constructor(config: Pick<Config, "selfHosted" | "stripeApiUrl" | "priceCacheTtlMs">) {
    this.client = config.selfHosted ? createStripeClient(config.selfHosted.secretKey, config.stripeApiUrl) : null;
    this.prices = new PriceCache(config.priceCacheTtlMs);
  }

  /** The platform's own client (OAuth exchanges), or null without STRIPE_SECRET_KEY. */
  get platform(): Stripe | null {
    return this.client;
  }

  /** Where connected accounts' access tokens come from; set once the connect service is up. */
  useAccessTokens(source: AccessTokenSource): void {
    this.accessTokens = source;
  }

  /** `fresh`: read prices from Stripe even when cached (a replay after the vendor fixed a price). */
  gatewayFor(account: StripeAccountRef, opts: { fresh?: boolean } = {}): StripeGateway {
    if (!this.client) throw new UnavailableError("STRIPE_SECRET_KEY is not set, so Tessera cannot call Stripe's API");
    const cache = { prices: this.prices, fresh: opts.fresh ?? false };
    if (account.kind === "CONNECTED") {
      if (!account.stripeAccountId) throw new Error("A connected account without a Stripe account id");
      const tokens = this.accessTokens;
      return new StripeGateway(this.client, account.stripeAccountId, cache, tokens ? () => tokens(account.id) : undefined);
    }
    return new StripeGateway(this.client, undefined, cache);
  }

  /** Forgets cached prices of an account after the vendor edited them. */
  evictPrices(account: StripeAccountRef, match: { priceId?: string; productId?: string }): void {
    this.prices.evict(this.gatewayFor(account).cacheKey, match);
  }
}
