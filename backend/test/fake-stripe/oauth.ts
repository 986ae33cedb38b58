import { randomBytes } from "node:crypto";

interface Grant {
  accountId: string;
  livemode: boolean;
}

/**
 * Stripe's side of the Stripe Apps OAuth flow: a vendor approving the app makes a single-use code; the
 * code, and later a refresh token, buy an access token that works for `accessTokenTtlMs` (an hour at
 * Stripe) and a new refresh token (the old one stops working).
 */
export class FakeOAuth {
  accessTokenTtlMs = 60 * 60_000;
  private readonly codes = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, Grant & { expiresAt: number }>();

  /** The vendor approved the app on Stripe's page: the code Stripe puts in the redirect. */
  approve(accountId: string, livemode = false): string {
    const code = `ac_${randomBytes(12).toString("hex")}`;
    this.codes.set(code, { accountId, livemode });
    return code;
  }

  /** What an uninstall does: every token of the account stops working. */
  revoke(accountId: string): void {
    for (const map of [this.refreshTokens, this.accessTokens]) {
      for (const [token, grant] of map) if (grant.accountId === accountId) map.delete(token);
    }
  }

  /** One access token stops working (Stripe's hour is over, or it was rolled). */
  revokeToken(token: string): void {
    this.accessTokens.delete(token);
  }

  /** The account an access token reaches: undefined when unknown, "expired" after its time. */
  reach(token: string, now = Date.now()): Grant | "expired" | undefined {
    const grant = this.accessTokens.get(token);
    if (!grant) return undefined;
    return grant.expiresAt <= now ? "expired" : grant;
  }

  /** POST /oauth/token: an answer body and status as Stripe gives them (OAuth errors are not API errors). */
  token(params: Record<string, unknown>): { status: number; body: unknown } {
    const grantType = params.grant_type;
    let grant: Grant | undefined;
    if (grantType === "authorization_code") {
      grant = this.codes.get(String(params.code));
      this.codes.delete(String(params.code));
      if (!grant) return invalidGrant(`Authorization code does not exist: ${String(params.code)}`);
    } else if (grantType === "refresh_token") {
      grant = this.refreshTokens.get(String(params.refresh_token));
      this.refreshTokens.delete(String(params.refresh_token));
      if (!grant) return invalidGrant(`Refresh token does not exist: ${String(params.refresh_token)}`);
    } else {
      return { status: 400, body: { error: "unsupported_grant_type", error_description: `Unsupported grant type: ${String(grantType)}` } };
    }
    const mode = grant.livemode ? "live" : "test";
    const accessToken = `sk_${mode}_oauth${randomBytes(16).toString("hex")}`;
    const refreshToken = `rt_${randomBytes(16).toString("hex")}`;
    this.accessTokens.set(accessToken, { ...grant, expiresAt: Date.now() + this.accessTokenTtlMs });
    this.refreshTokens.set(refreshToken, grant);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        refresh_token: refreshToken,
        token_type: "bearer",
        scope: "stripe_apps",
        livemode: grant.livemode,
        stripe_user_id: grant.accountId,
        stripe_publishable_key: `pk_${mode}_${grant.accountId}`,
      },
    };
  }

  /** Tokens handed out so far (tests read them to check nothing stored them in the clear). */
  issuedAccessTokens(): string[] {
    return [...this.accessTokens.keys()];
  }
}

function invalidGrant(description: string) {
  return { status: 400, body: { error: "invalid_grant", error_description: description } };
}
