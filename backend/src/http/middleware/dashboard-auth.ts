import { DashboardIdentity } from "@tessera/shared";
import type { MiddlewareHandler } from "hono";
import type { DashboardAccounts } from "../../dashboard/dashboard-account";
import { AuthenticationError } from "../../errors";
import { verifyAppSignature } from "../../stripe/verify-app-signature";
import type { DashboardEnv } from "../app-env";

/** GETs carry the signed identity in the query string, everything else in the JSON body. */
async function claimedIdentity(c: Parameters<MiddlewareHandler<DashboardEnv>>[0]): Promise<unknown> {
  if (c.req.method === "GET") return c.req.query();
  return c.req.json().catch(() => ({}));
}

/**
 * Admits calls of the Stripe App: the `Stripe-Signature` from fetchStripeSignature() must match the
 * `user_id` and `account_id` they carry (with one of the app's signing secrets). The account is looked up
 * for the routes; whether they need one is theirs to say.
 */
export function dashboardAuth(appSecrets: string[], accounts: DashboardAccounts): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    const parsed = DashboardIdentity.safeParse(await claimedIdentity(c));
    if (!parsed.success) {
      const missing = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
      throw new AuthenticationError(`Send the identity the Stripe App signs (user_id, account_id) and the Dashboard's mode: ${missing} missing or malformed`);
    }
    verifyAppSignature(parsed.data, c.req.header("stripe-signature"), appSecrets);
    c.set("identity", parsed.data);
    c.set("account", await accounts.find(parsed.data));
    await next();
  };
}
