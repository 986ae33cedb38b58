import { findEventAccount } from "../../db/account-store";
import type { Sql } from "../../db/sql";
import type { Account } from "../../licensing/account";
import type { StripeEvent } from "../envelope";

export type Route =
  | { kind: "account"; account: Account; seenStatus: string | null }
  | { kind: "unrouted"; stripeAccount: string; reason: string };

/**
 * The account an event belongs to: Connect events name theirs; events without `account` belong to the
 * operator's own account of the event's mode (test or live). Also tells whether the event was already
 * received, so a redelivery costs one round trip.
 */
export async function routeEvent(sql: Sql, event: StripeEvent): Promise<Route> {
  const row = await findEventAccount(sql, event);
  if (row) {
    const { seenStatus, ...account } = row;
    return { kind: "account", account, seenStatus };
  }
  const mode = event.livemode ? "live" : "test";
  return event.account
    ? { kind: "unrouted", stripeAccount: event.account, reason: `No connected account ${event.account} in ${mode} mode` }
    : {
        kind: "unrouted",
        stripeAccount: `platform:${mode}`,
        reason: `Event without \`account\` but no own Stripe account in ${mode} mode (STRIPE_SECRET_KEY unset or for the other mode)`,
      };
}
