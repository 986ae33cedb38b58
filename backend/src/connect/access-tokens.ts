import type { SecretBox } from "../crypto/secret-box";
import { lockAccountTokens, saveAccountTokens } from "../db/account-store";
import type { Db } from "../db/client";
import { UnavailableError } from "../errors";
import { OAuthRefused, type StripeOAuth } from "../stripe/stripe-oauth";
import { sealGrant, tokenContext } from "./token-seal";

// Renewed this long before it lapses, so a request never starts with a token about to stop working.
const RENEW_MARGIN_MS = 5 * 60_000;

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

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox | null,
    private readonly oauth: StripeOAuth | null,
  ) {}

  async forAccount(accountId: string, now = Date.now()): Promise<string | null> {
    const cached = this.open.get(accountId);
    if (cached && cached.expiresAt - now > RENEW_MARGIN_MS) return cached.token;
    return this.db.$transaction(async (tx) => {
      const account = await tx.account.findUnique({ where: { id: accountId }, select: { stripeAccountId: true, livemode: true } });
      const row = await lockAccountTokens(tx, accountId);
      if (!account?.stripeAccountId || !row?.accessTokenEnc || !row.refreshTokenEnc || !row.accessTokenExpiresAt) return null;
      const box = this.box;
      if (!box) throw new UnavailableError("ENCRYPTION_KEY is not set, so the account's Stripe tokens cannot be opened");
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
  }

  private remember(accountId: string, token: string, expiresAt: Date): string {
    this.open.set(accountId, { token, expiresAt: expiresAt.getTime() });
    return token;
  }
}
