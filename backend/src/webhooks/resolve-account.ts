import type { Db } from "../db/client";
import type { StripeEvent } from "../stripe/events/envelope";

export type Resolution =
  | { kind: "account"; account: { id: string; kind: "SELF_HOSTED" | "CONNECTED"; stripeAccountId: string | null; status: "CONNECTED" | "DISCONNECTED" } }
  | { kind: "unrouted"; stripeAccount: string; reason: string };

const select = { id: true, kind: true, stripeAccountId: true, status: true } as const;

/**
 * Connect events name their account; events without `account` belong to the operator's own account of
 * the event's mode (test or live).
 */
export async function resolveAccount(db: Db, event: StripeEvent): Promise<Resolution> {
  const mode = event.livemode ? "live" : "test";
  if (event.account) {
    const account = await db.account.findFirst({
      where: { kind: "CONNECTED", stripeAccountId: event.account, livemode: event.livemode },
      select,
    });
    return account
      ? { kind: "account", account }
      : { kind: "unrouted", stripeAccount: event.account, reason: `No connected account ${event.account} in ${mode} mode` };
  }
  const account = await db.account.findUnique({ where: { selfHostedMode: mode }, select });
  return account
    ? { kind: "account", account }
    : {
        kind: "unrouted",
        stripeAccount: `platform:${mode}`,
        reason: `Event without \`account\` but no own Stripe account in ${mode} mode (STRIPE_SECRET_KEY unset or for the other mode)`,
      };
}
