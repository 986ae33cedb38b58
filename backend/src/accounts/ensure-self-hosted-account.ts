import type { Config } from "../config";
import type { Db } from "../db/client";

/**
 * A self-hoster connects their own Stripe account through STRIPE_SECRET_KEY: that account exists from the
 * first start, one per mode, and a reconnect after a disconnect revives it instead of making a new one.
 */
export async function ensureSelfHostedAccount(db: Db, selfHosted: NonNullable<Config["selfHosted"]>) {
  const mode = selfHosted.livemode ? "live" : "test";
  return db.account.upsert({
    where: { selfHostedMode: mode },
    create: { kind: "SELF_HOSTED", selfHostedMode: mode, livemode: selfHosted.livemode, displayName: `Own Stripe account (${mode})` },
    update: { status: "CONNECTED", disconnectedAt: null },
  });
}
