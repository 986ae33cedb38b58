import { Prisma } from "../generated/prisma/client";
import type { Account } from "../licensing/account";
import type { Db, Tx } from "./client";
import type { DeferredWrite } from "./deferred-writes";
import type { Sql } from "./sql";

// The one module that writes Account rows (and reads them for routing).

/**
 * The operator's own Stripe account of a mode exists from the first start; a restart after a disconnect
 * revives it instead of making a new one.
 */
export function ensureSelfHostedAccount(db: Db, livemode: boolean) {
  const mode = livemode ? "live" : "test";
  return db.account.upsert({
    where: { selfHostedMode: mode },
    create: { kind: "SELF_HOSTED", selfHostedMode: mode, livemode, displayName: `Own Stripe account (${mode})` },
    update: { status: "CONNECTED", disconnectedAt: null },
  });
}

/** Sealed OAuth tokens of an account; sealing is the caller's (db never sees a plain token). */
export interface SealedTokens {
  accessTokenEnc: string;
  refreshTokenEnc: string;
  accessTokenExpiresAt: Date;
}

/**
 * A vendor connected (or reconnected) through OAuth: one account per Stripe account and mode, revived with
 * its data when it comes back after an uninstall.
 */
export function upsertConnectedAccount(db: Db, input: { stripeAccountId: string; livemode: boolean; displayName: string | null; tokens: SealedTokens }) {
  const { stripeAccountId, livemode, displayName, tokens } = input;
  const connected = { status: "CONNECTED" as const, connectedAt: new Date(), disconnectedAt: null, ...tokens };
  return db.account.upsert({
    where: { stripeAccountId_livemode: { stripeAccountId, livemode } },
    create: { kind: "CONNECTED", stripeAccountId, livemode, displayName, ...connected },
    update: { ...connected, ...(displayName ? { displayName } : {}) },
  });
}

/** An account's Stripe identity and sealed tokens, read without a lock (one plain statement). */
export async function readAccountTokens(sql: Sql, accountId: string) {
  const rows = await sql.$queryRaw<
    { stripeAccountId: string | null; livemode: boolean; accessTokenEnc: string | null; refreshTokenEnc: string | null; accessTokenExpiresAt: Date | null }[]
  >`SELECT "stripeAccountId", livemode, "accessTokenEnc", "refreshTokenEnc", "accessTokenExpiresAt" FROM "Account" WHERE id = ${accountId}`;
  return rows[0];
}

/** The account's tokens, locked for the rest of the transaction (one refresh at a time across instances). */
export async function lockAccountTokens(tx: Tx, accountId: string) {
  const rows = await tx.$queryRaw<{ accessTokenEnc: string | null; refreshTokenEnc: string | null; accessTokenExpiresAt: Date | null }[]>`
    SELECT "accessTokenEnc", "refreshTokenEnc", "accessTokenExpiresAt" FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
  return rows[0];
}

export async function saveAccountTokens(db: Pick<Db, "account">, accountId: string, tokens: SealedTokens): Promise<void> {
  await db.account.update({ where: { id: accountId }, data: tokens });
}

/** The sealed tokens of every account that has them, for re-sealing with a new key. */
export function accountsWithTokens(db: Db) {
  return db.account.findMany({
    where: { OR: [{ accessTokenEnc: { not: null } }, { refreshTokenEnc: { not: null } }] },
    select: { id: true, stripeAccountId: true, livemode: true, accessTokenEnc: true, refreshTokenEnc: true },
  });
}

export async function resealAccountTokens(db: Db, accountId: string, sealed: { accessTokenEnc: string | null; refreshTokenEnc: string | null }) {
  await db.account.update({ where: { id: accountId }, data: sealed });
}

/** The operator's own account learns its Stripe id (asked of Stripe), so the Stripe App can find it. */
export async function setSelfHostedStripeAccountId(db: Db, livemode: boolean, stripeAccountId: string): Promise<void> {
  await db.account.updateMany({ where: { selfHostedMode: livemode ? "live" : "test", stripeAccountId: null }, data: { stripeAccountId } });
}

/** The account the Stripe App speaks for: its Stripe account in the Dashboard's mode. */
export async function accountOfStripe(sql: Sql, stripeAccountId: string, livemode: boolean): Promise<StripeAccountRow | null> {
  // Every dashboard call looks its account up: one plain statement.
  const rows = await sql.$queryRaw<StripeAccountRow[]>`
    SELECT id, kind::text AS kind, "stripeAccountId", livemode, status::text AS status, "displayName", "connectedAt", "disconnectedAt"
    FROM "Account" WHERE "stripeAccountId" = ${stripeAccountId} AND livemode = ${livemode}`;
  return rows[0] ?? null;
}

export interface StripeAccountRow {
  id: string;
  kind: "SELF_HOSTED" | "CONNECTED";
  stripeAccountId: string;
  livemode: boolean;
  status: "CONNECTED" | "DISCONNECTED";
  displayName: string | null;
  connectedAt: Date;
  disconnectedAt: Date | null;
}

/** The vendor uninstalled the app: the account is marked disconnected; its data stays. */
export function disconnectAccountWrite(accountId: string, at: Date): DeferredWrite {
  return {
    name: "account_disconnected",
    expectRows: 1,
    sql: Prisma.sql`UPDATE "Account" SET status = 'DISCONNECTED', "disconnectedAt" = ${at}, "updatedAt" = now()
      WHERE id = ${accountId} RETURNING id`,
  };
}

/** Instances cache the catalog per version: this makes every cached copy stale when the transaction commits. */
export async function bumpCatalogVersion(tx: Tx, accountId: string): Promise<void> {
  await tx.account.update({ where: { id: accountId }, data: { catalogVersion: { increment: 1 } } });
}

/** The account an event belongs to, and the status of the event if it was already received. */
export type EventAccountRow = Account & { seenStatus: string | null };

const ACCOUNT_FIELDS = Prisma.sql`a.id, a.kind::text AS kind, a."stripeAccountId", a.status::text AS status, a."catalogVersion"`;

/**
 * Connect events name their account; events without `account` belong to the operator's own account of
 * the event's mode. The same query tells whether this event was already received, so a redelivery costs
 * one round trip. Plain SQL: this runs for every delivery not served by the route cache.
 */
export async function findEventAccount(
  sql: Sql,
  event: { id: string; account?: string; livemode: boolean },
): Promise<EventAccountRow | undefined> {
  const rows = event.account
    ? await sql.$queryRaw<EventAccountRow[]>`
        SELECT ${ACCOUNT_FIELDS}, w.status::text AS "seenStatus"
        FROM "Account" a
        LEFT JOIN "WebhookEvent" w ON w."accountId" = a.id AND w."stripeEventId" = ${event.id}
        WHERE a.kind = 'CONNECTED' AND a."stripeAccountId" = ${event.account} AND a.livemode = ${event.livemode}`
    : await sql.$queryRaw<EventAccountRow[]>`
        SELECT ${ACCOUNT_FIELDS}, w.status::text AS "seenStatus"
        FROM "Account" a
        LEFT JOIN "WebhookEvent" w ON w."accountId" = a.id AND w."stripeEventId" = ${event.id}
        WHERE a."selfHostedMode" = ${event.livemode ? "live" : "test"}`;
  return rows[0];
}

/** The account's status and catalog version as a transaction sees them. */
export function accountNowQuery(accountId: string): Prisma.Sql {
  return Prisma.sql`SELECT status::text AS status, "catalogVersion" FROM "Account" WHERE id = ${accountId}`;
}

/** An account by id, in the one Account shape. */
export async function accountById(sql: Sql, accountId: string): Promise<Account | undefined> {
  const rows = await sql.$queryRaw<Account[]>`SELECT ${ACCOUNT_FIELDS} FROM "Account" a WHERE a.id = ${accountId}`;
  return rows[0];
}
