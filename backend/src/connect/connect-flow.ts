import type { Config } from "../config";
import type { SecretBox } from "../crypto/secret-box";
import { upsertConnectedAccount } from "../db/account-store";
import type { Db } from "../db/client";
import { UnavailableError } from "../errors";
import { OAuthRefused, type StripeOAuth } from "../stripe/stripe-oauth";
import type { AccessTokens } from "./access-tokens";
import { checkState, issueState, type StateProblem } from "./oauth-state";
import { sealGrant } from "./token-seal";

export interface ConnectDeps {
  db: Db;
  box: SecretBox | null;
  oauth: StripeOAuth | null;
  connect: Config["connect"];
  tokens: AccessTokens;
}

/** What Stripe sends back to the callback: a code, or the error of a vendor who declined. */
export interface CallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
}

export type ConnectFailure = "denied" | StateProblem | "bad_code" | "not_configured";

export type ConnectOutcome =
  | { ok: true; account: { id: string; stripeAccountId: string; livemode: boolean; displayName: string | null }; reconnected: boolean }
  | { ok: false; failure: ConnectFailure; message: string };

function ready(deps: ConnectDeps) {
  const { box, oauth, connect } = deps;
  if (!connect || !oauth || !box) {
    const missing = [!connect && "STRIPE_CLIENT_ID and PUBLIC_URL", !oauth && "STRIPE_SECRET_KEY", !box && "ENCRYPTION_KEY"].filter(Boolean).join(", ");
    return { ok: false as const, message: `Connecting Stripe accounts is not set up on this server (missing ${missing})` };
  }
  return { ok: true as const, box, oauth, connect };
}

export const callbackUrl = (publicUrl: URL) => new URL("/connect/callback", publicUrl).toString();

/** Where the Connect button sends the vendor: Stripe's authorize page, with a fresh single-use state. */
export async function authorizeUrl(deps: ConnectDeps): Promise<string> {
  const setup = ready(deps);
  if (!setup.ok) throw new UnavailableError(setup.message);
  const url = new URL(setup.connect.authorizeUrl);
  url.searchParams.set("client_id", setup.connect.clientId);
  url.searchParams.set("redirect_uri", callbackUrl(setup.connect.publicUrl));
  url.searchParams.set("state", await issueState(deps.db, setup.box));
  return url.toString();
}

const STATE_MESSAGES: Record<StateProblem, string> = {
  forged: "This connect link was not made by this server. Start again from the Connect button.",
  expired: "This connect link expired (links last 10 minutes). Start again from the Connect button.",
  replayed: "This connect link was already used. Start again from the Connect button.",
};

/**
 * Stripe's redirect after the vendor chose: checks the state (when the flow started here; an install from
 * the Marketplace comes without one), exchanges the code, and stores the account with its tokens sealed.
 */
export async function completeConnect(deps: ConnectDeps, query: CallbackQuery): Promise<ConnectOutcome> {
  const setup = ready(deps);
  if (!setup.ok) return { ok: false, failure: "not_configured", message: setup.message };
  if (query.error) {
    return { ok: false, failure: "denied", message: query.error_description || `Stripe answered ${query.error}: the account was not connected.` };
  }
  if (query.state !== undefined) {
    const problem = await checkState(deps.db, setup.box, query.state);
    if (problem) return { ok: false, failure: problem, message: STATE_MESSAGES[problem] };
  }
  if (!query.code) return { ok: false, failure: "bad_code", message: "Stripe sent no authorization code. Start again from the Connect button." };
  let grant;
  try {
    grant = await setup.oauth.exchangeCode(query.code);
  } catch (err) {
    if (err instanceof OAuthRefused) {
      return { ok: false, failure: "bad_code", message: `Stripe did not accept the authorization code (${err.message}). Start again from the Connect button.` };
    }
    throw err;
  }
  const displayName = await setup.oauth.displayName(grant.accessToken);
  const before = await deps.db.account.findUnique({
    where: { stripeAccountId_livemode: { stripeAccountId: grant.stripeAccountId, livemode: grant.livemode } },
    select: { id: true },
  });
  const account = await upsertConnectedAccount(deps.db, {
    stripeAccountId: grant.stripeAccountId,
    livemode: grant.livemode,
    displayName,
    tokens: sealGrant(setup.box, grant),
  });
  deps.tokens.forget(account.id);
  return {
    ok: true,
    account: { id: account.id, stripeAccountId: grant.stripeAccountId, livemode: grant.livemode, displayName: account.displayName },
    reconnected: before !== null,
  };
}
