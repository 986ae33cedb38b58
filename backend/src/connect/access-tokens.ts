import type { SecretBox } from "../crypto/secret-box";
import { lockAccountTokens, readAccountTokens, saveAccountTokens } from "../db/account-store";
import { sqlOf, type Db } from "../db/client";
import { UnavailableError } from "../errors";
import { OAuthRefused, type StripeOAuth } from "../stripe/stripe-oauth";
import { sealGrant, tokenContext } from "./token-seal";

// Renewed this long before it lapses, so a request never starts with a token about to stop working.
const RENEW_MARGIN_MS = 5 * 60_000;
// An account without tokens (reached with the platform's key) is asked again after this long: every Stripe
// call of an event would otherwise read the account. Connecting through this instance forgets it at once;
// another instance's connect is seen within this time.
const NO_TOKENS_TTL_MS = 5_000;

interface Usable {
  token: string;
  expiresAt: number;
}

/**
 * Connected accounts' access tokens, opened from their sealed copies and renewed with the refresh token
 * when due. One instance renews at a time (the account row is locked), and the others read what it saved.
 */
export class AccessTokens {
  private readonly open = new Map<string, Usable>();
  private readonly without = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox | null,
    private readonly oauth: StripeOAuth | null,
  ) {}

  async forAccount(accountId: string, now = Date.now()): Promise<string | null> {
    const cached = this.open.get(accountId);
    if (cached && cached.expiresAt - now > RENEW_MARGIN_MS) return cached.token;
    if ((this.without.get(accountId) ?? 0) > now) return null;
    // Most calls find a usable token or none at all: one plain read. Only a renewal takes the row lock.
    const current = await readAccountTokens(sqlOf(this.db), accountId);
    if (!current?.stripeAccountId || !current.accessTokenEnc || !current.refreshTokenEnc || !current.accessTokenExpiresAt) {
      this.without.set(accountId, now + NO_TOKENS_TTL_MS);
      return null;
    }
    const box = this.box;
    if (!box) throw new UnavailableError("ENCRYPTION_KEY is not set, so the account's Stripe tokens cannot be opened");
    if (current.accessTokenExpiresAt.getTime() - now > RENEW_MARGIN_MS) {
      return this.remember(accountId, box.open(current.accessTokenEnc, tokenContext(current.stripeAccountId, current.livemode, "access")), current.accessTokenExpiresAt);
    }
    return this.renew(accountId, box, now);
  }

  /** Renews the access token under the account's row lock; an instance that waited reads what the first saved. */
  private renew(accountId: string, box: SecretBox, now: number): Promise<string | null> {
    return this.db.$transaction(async (tx) => {
      const account = await tx.account.findUnique({ where: { id: accountId }, select: { stripeAccountId: true, livemode: true } });
      const row = await lockAccountTokens(tx, accountId);
      if (!account?.stripeAccountId || !row?.accessTokenEnc || !row.refreshTokenEnc || !row.accessTokenExpiresAt) return null;
      const { stripeAccountId, livemode } = account;
      if (row.accessTokenExpiresAt.getTime() - now > RENEW_MARGIN_MS) {
        return this.remember(accountId, box.open(row.accessTokenEnc, tokenContext(stripeAccountId, livemode, "access")), row.accessTokenExpiresAt);
      }
      if (!this.oauth) throw new UnavailableError("STRIPE_SECRET_KEY is not set, so access tokens cannot be renewed");
      const refreshToken = box.open(row.refreshTokenEnc, tokenContext(stripeAccountId, livemode, "refresh"));
      let grant;
      try {
        grant = await this.oauth.refresh(refreshToken);
      } catch (err) {
        if (err instanceof OAuthRefused) {
          throw new UnavailableError(`Stripe refused to renew the access of account ${stripeAccountId} (${err.reason}): the vendor must reconnect`);
        }
        throw err;
      }
      const sealed = sealGrant(box, { ...grant, stripeAccountId, livemode }, new Date(now));
      await saveAccountTokens(tx, accountId, sealed);
      return this.remember(accountId, grant.accessToken, sealed.accessTokenExpiresAt);
    });
  }

  /** Drops what this instance holds for the account (reconnected, disconnected, or refused by Stripe). */
  forget(accountId: string): void {
    this.open.delete(accountId);
    this.without.delete(accountId);
  }

  private remember(accountId: string, token: string, expiresAt: Date): string {
    this.open.set(accountId, { token, expiresAt: expiresAt.getTime() });
    return token;
  }
}
