import type { DashboardIdentity } from "@tessera/shared";
import { accountOfStripe, setSelfHostedStripeAccountId, type StripeAccountRow } from "../db/account-store";
import { sqlOf, type Db } from "../db/client";
import type { StripeOAuth } from "../stripe/stripe-oauth";

export type DashboardAccount = StripeAccountRow;

// How long a failed attempt to learn the own account's id waits before the next one.
const RETRY_OWN_ID_MS = 60_000;

/**
 * The account the Stripe App speaks for: its Stripe account in the Dashboard's mode. The operator's own
 * account is not told its Stripe id by configuration; the first dashboard call for it asks Stripe.
 */
export class DashboardAccounts {
  private ownIdAskedAt = new Map<boolean, number>();

  constructor(
    private readonly db: Db,
    private readonly oauth: StripeOAuth | null,
    private readonly selfHostedLivemode: boolean | null,
  ) {}

  async find(identity: DashboardIdentity): Promise<DashboardAccount | null> {
    const livemode = identity.mode === "live";
    const account = await accountOfStripe(sqlOf(this.db), identity.account_id, livemode);
    if (account || !(await this.learnOwnId(livemode))) return account;
    return accountOfStripe(sqlOf(this.db), identity.account_id, livemode);
  }

  /** True when the operator's own account of the mode just learned its Stripe id. */
  private async learnOwnId(livemode: boolean): Promise<boolean> {
    if (!this.oauth || this.selfHostedLivemode !== livemode) return false;
    const own = await this.db.account.findUnique({ where: { selfHostedMode: livemode ? "live" : "test" }, select: { stripeAccountId: true } });
    if (!own || own.stripeAccountId) return false;
    const asked = this.ownIdAskedAt.get(livemode);
    if (asked !== undefined && Date.now() - asked < RETRY_OWN_ID_MS) return false;
    this.ownIdAskedAt.set(livemode, Date.now());
    try {
      await setSelfHostedStripeAccountId(this.db, livemode, await this.oauth.ownAccountId());
      return true;
    } catch {
      // Stripe unreachable: the app shows "not connected" until a later call finds out.
      return false;
    }
  }
}
