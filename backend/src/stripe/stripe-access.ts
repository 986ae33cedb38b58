import type Stripe from "stripe";
import type { Config } from "../config";
import { UnavailableError } from "../errors";
import { StripeGateway } from "./gateway";
import { createStripeClient } from "./stripe-client";

export interface AccountRef {
  kind: "SELF_HOSTED" | "CONNECTED";
  stripeAccountId: string | null;
}

/**
 * Hands out a gateway per account: the operator's own account uses STRIPE_SECRET_KEY directly; a connected
 * account is reached with the same platform key and its `Stripe-Account` header.
 */
export class StripeAccess {
  private readonly client: Stripe | null;

  constructor(config: Pick<Config, "selfHosted" | "stripeApiUrl">) {
    this.client = config.selfHosted ? createStripeClient(config.selfHosted.secretKey, config.stripeApiUrl) : null;
  }

  gatewayFor(account: AccountRef): StripeGateway {
    if (!this.client) throw new UnavailableError("STRIPE_SECRET_KEY is not set, so Tessera cannot call Stripe's API");
    if (account.kind === "CONNECTED") {
      if (!account.stripeAccountId) throw new Error("A connected account without a Stripe account id");
      return new StripeGateway(this.client, account.stripeAccountId);
    }
    return new StripeGateway(this.client);
  }
}
