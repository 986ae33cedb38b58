import type { Sql } from "../db/sql";
import type { StripeEvent } from "../stripe/events/envelope";

export interface RoutedAccount {
  id: string;
  kind: "SELF_HOSTED" | "CONNECTED";
  stripeAccountId: string | null;
  status: "CONNECTED" | "DISCONNECTED";
  catalogVersion: number;
}

export type Resolution =
  | { kind: "account"; account: RoutedAccount; seenStatus: string | null }
  | { kind: "unrouted"; stripeAccount: string; reason: string };

/**
 * Connect events name their account; events without `account` belong to the operator's own account of
 * the event's mode (test or live). The same query tells whether this event was already received, so a
 * redelivery costs one round trip. Plain SQL: this runs for every delivery.
 */
export async function resolveAccount(db: Sql, event: StripeEvent): Promise<Resolution> {
  const mode = event.livemode ? "live" : "test";
  const rows = event.account
    ? await db.$queryRaw<(RoutedAccount & { seenStatus: string | null })[]>`
        SELECT a.id, a.kind::text AS kind, a."stripeAccountId", a.status::text AS status, a."catalogVersion", w.status::text AS "seenStatus"
        FROM "Account" a
        LEFT JOIN "WebhookEvent" w ON w."accountId" = a.id AND w."stripeEventId" = ${event.id}
        WHERE a.kind = 'CONNECTED' AND a."stripeAccountId" = ${event.account} AND a.livemode = ${event.livemode}`
    : await db.$queryRaw<(RoutedAccount & { seenStatus: string | null })[]>`
        SELECT a.id, a.kind::text AS kind, a."stripeAccountId", a.status::text AS status, a."catalogVersion", w.status::text AS "seenStatus"
        FROM "Account" a
        LEFT JOIN "WebhookEvent" w ON w."accountId" = a.id AND w."stripeEventId" = ${event.id}
        WHERE a."selfHostedMode" = ${mode}`;
  const row = rows[0];
  if (row) {
    const { seenStatus, ...account } = row;
    return { kind: "account", account, seenStatus };
  }
  return event.account
    ? { kind: "unrouted", stripeAccount: event.account, reason: `No connected account ${event.account} in ${mode} mode` }
    : {
        kind: "unrouted",
        stripeAccount: `platform:${mode}`,
        reason: `Event without \`account\` but no own Stripe account in ${mode} mode (STRIPE_SECRET_KEY unset or for the other mode)`,
      };
}
