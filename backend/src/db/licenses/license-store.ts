import { randomUUID } from "node:crypto";
import { Prisma } from "../../generated/prisma/client";
import type { Cause } from "../../licensing/cause";
import type { CustomerFacts } from "../../licensing/customer";
import { historyOfChange, unitsConsumed, type HistoryLine } from "../../licensing/history";
import { generateLicenseKey } from "../../licensing/license-key";
import type { LicenseChange } from "../../licensing/rules/license-change";
import { customerIdSql } from "../customer-store";
import { runWrites, type DeferredWrite } from "../deferred-writes";
import { recordset } from "../recordset";
import type { Sql } from "../sql";
import { createdLines, historyInsert, historyOfInserted } from "./license-history-rows";
import { licenseUpdates, patchesOf, type ExistingChange } from "./license-patches";
import { customerUsers, insertLicenses, rowOf } from "./new-license-rows";

// The one module that writes License, LicenseEvent and LicenseUser rows: webhooks, manual changes, the
// grace sweeper and the APIs all go through it, and every change gets its history line here. Rows travel as
// one JSON recordset (recordset.ts), so a statement's text and parameters do not grow with the licenses.

/** Whose licenses these are and what caused the change; `customer` only matters for new licenses. */
export interface ChangeContext {
  accountId: string;
  customer: CustomerFacts | null;
  cause: Cause;
}

type WantedLicense = Extract<LicenseChange, { kind: "create" }>;

export type CreatedLicense = { id: string; key: string };

/**
 * One statement for the licenses of a purchase that may already exist (another delivery, another
 * endpoint): rows whose business key exists are skipped, because the database, not this process, decides
 * what exists; only rows actually inserted get history.
 */
async function insertNewOnly(tx: Sql, ctx: ChangeContext, wanted: WantedLicense[]) {
  const rows = wanted.map((w) => rowOf(ctx.accountId, w.license, randomUUID(), generateLicenseKey()));
  return tx.$queryRaw<{ id: string; key: string; sourceKey: string }[]>`
    WITH "customer" AS (${customerIdSql(ctx.accountId, ctx.customer)}),
    "inserted" AS (${insertLicenses(rows, Prisma.sql`ON CONFLICT DO NOTHING RETURNING id, key, "sourceKey"`)}),
    "history" AS (${historyOfInserted(ctx, "inserted", createdLines(wanted))})
    SELECT id, key, "sourceKey" FROM "inserted"`;
}

/**
 * Creates the licenses of a purchase now, inside the caller's transaction, once per business key: a
 * one-off purchase has no row to lock until its licenses exist, so the database decides what is new.
 */
export async function createPurchaseLicenses(tx: Sql, ctx: ChangeContext, wanted: WantedLicense[]): Promise<CreatedLicense[]> {
  const created: { id: string; key: string; sourceKey: string }[] = [];
  let pending = wanted;
  // A key collision (2^-100 per pair) is skipped like a duplicate; such rows are retried with new keys.
  for (let attempt = 0; pending.length > 0 && attempt < 3; attempt++) {
    const rows = await insertNewOnly(tx, ctx, pending);
    created.push(...rows);
    if (rows.length === pending.length) break;
    const existing = new Set(
      (
        await tx.$queryRaw<{ sourceKey: string }[]>`
          SELECT "sourceKey" FROM "License"
          WHERE "accountId" = ${ctx.accountId} AND "sourceKey" = ANY(${pending.map((w) => w.license.sourceKey)}::text[])`
      ).map((r) => r.sourceKey),
    );
    pending = pending.filter((w) => !existing.has(w.license.sourceKey));
  }
  const bySource = new Map(wanted.map((w) => [w.license.sourceKey, w.license]));
  const users = customerUsers(ctx, created.map((row) => ({ id: row.id, license: bySource.get(row.sourceKey)! })));
  if (users) await tx.$executeRaw`${users}`;
  return created.map(({ id, key }) => ({ id, key }));
}

/**
 * New licenses as deferred writes, for callers holding the lock that makes them new (a subscription's
 * state row): every row must insert, so a key collision or a duplicate aborts instead of being skipped.
 */
function newLicenseWrites(ctx: ChangeContext, wanted: WantedLicense[]) {
  const made = wanted.map((w) => ({ ...w, id: randomUUID(), key: generateLicenseKey() }));
  const users = customerUsers(ctx, made);
  const writes: DeferredWrite[] = [
    { name: "customer", sql: customerIdSql(ctx.accountId, ctx.customer) },
    {
      name: "new_licenses",
      sql: insertLicenses(
        made.map((m) => rowOf(ctx.accountId, m.license, m.id, m.key)),
        Prisma.sql`RETURNING id, "sourceKey"`,
      ),
      expectRows: made.length,
    },
    { name: "new_license_history", sql: historyOfInserted(ctx, "new_licenses", createdLines(wanted)) },
    ...(users ? [{ name: "new_license_users", sql: users }] : []),
  ];
  return { writes, created: made.map(({ id, key }) => ({ id, key })) };
}

/** Changes to existing licenses (and notes), each with its history line, as deferred writes. */
function existingLicenseWrites(ctx: ChangeContext, changes: LicenseChange[]): { writes: DeferredWrite[]; changed: number } {
  const others = changes.filter((c): c is ExistingChange => c.kind !== "create");
  const patches = patchesOf(others);
  const writes: DeferredWrite[] = [];
  if (patches.length > 0) writes.push({ name: "license_updates", sql: licenseUpdates(ctx.accountId, patches), expectRows: patches.length });
  if (others.length > 0) {
    writes.push({ name: "license_history", sql: historyInsert(ctx, others.map((c) => ({ licenseId: c.licenseId, line: historyOfChange(c) }))) });
  }
  return { writes, changed: others.filter((c) => c.kind !== "note").length };
}

export interface DeferredChanges {
  writes: DeferredWrite[];
  created: CreatedLicense[];
  /** Changes to existing licenses, notes not counted. */
  changed: number;
}

/**
 * What the rules decided, as writes for the statement that records the event. The caller holds the
 * locks under which the changes were decided (the subscription's state row and its licenses).
 */
export function deferLicenseChanges(ctx: ChangeContext, changes: LicenseChange[]): DeferredChanges {
  const creates = changes.flatMap((c) => (c.kind === "create" ? [c] : []));
  const fresh = creates.length > 0 ? newLicenseWrites(ctx, creates) : { writes: [], created: [] };
  const existing = existingLicenseWrites(ctx, changes);
  return { writes: [...fresh.writes, ...existing.writes], created: fresh.created, changed: existing.changed };
}

/** Changes to licenses the caller has locked, written now (manual changes, the grace sweeper). */
export async function applyLicenseChanges(sql: Sql, ctx: ChangeContext, changes: LicenseChange[]): Promise<void> {
  const { writes } = existingLicenseWrites(ctx, changes);
  if (writes.length > 0) await runWrites(sql, writes);
}

/** A history line of a license, written now, e.g. for a user added to it. */
export async function recordHistory(sql: Sql, ctx: ChangeContext, licenseId: string, line: HistoryLine): Promise<void> {
  await sql.$executeRaw`${historyInsert(ctx, [{ licenseId, line }])}`;
}

/** Locks one license of the account for the rest of the transaction; false when the account has no such license. */
export async function lockLicense(sql: Sql, accountId: string, licenseId: string, mode: "update" | "no key update" = "update"): Promise<boolean> {
  const rows =
    mode === "update"
      ? await sql.$queryRaw<{ id: string }[]>`SELECT id FROM "License" WHERE id = ${licenseId} AND "accountId" = ${accountId} FOR UPDATE`
      : await sql.$queryRaw<{ id: string }[]>`SELECT id FROM "License" WHERE id = ${licenseId} AND "accountId" = ${accountId} FOR NO KEY UPDATE`;
  return rows.length > 0;
}

/**
 * Active licenses in unpaid grace that ended by `now`, across accounts, locked for the caller's transaction.
 * Rows another instance's sweep (or an event) holds are skipped: that one deals with them.
 */
export function lockEndedGrace(sql: Sql, now: Date, limit: number) {
  return sql.$queryRaw<{ id: string; accountId: string; graceUntil: Date }[]>`
    SELECT id, "accountId", "graceUntil" FROM "License"
    WHERE status = 'ACTIVE' AND "graceUntil" IS NOT NULL AND "graceUntil" <= ${now}
    ORDER BY "graceUntil" LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`;
}

export async function insertLicenseUser(sql: Sql, accountId: string, licenseId: string, email: string, isManager: boolean) {
  const rows = await sql.$queryRaw<{ id: string; email: string; isManager: boolean; createdAt: Date }[]>`
    INSERT INTO "LicenseUser" (id, "accountId", "licenseId", email, "isManager")
    VALUES (gen_random_uuid()::text, ${accountId}, ${licenseId}, ${email}, ${isManager})
    RETURNING id, email, "isManager", "createdAt"`;
  return rows[0]!;
}

export async function deleteLicenseUser(sql: Sql, accountId: string, userId: string): Promise<void> {
  await sql.$executeRaw`DELETE FROM "LicenseUser" WHERE id = ${userId} AND "accountId" = ${accountId}`;
}

/**
 * Counts used units in one statement that never passes the limit, whatever runs at the same time; the
 * history line goes with it. Null when the limit would be passed (nothing is written).
 */
export async function consumeUnits(sql: Sql, ctx: ChangeContext, licenseId: string, amount: number): Promise<{ consumptionUsed: number } | null> {
  const rows = await sql.$queryRaw<{ consumptionUsed: number; maxConsumptions: number | null }[]>`
    UPDATE "License" SET "consumptionUsed" = "consumptionUsed" + ${amount}, "updatedAt" = now()
    WHERE id = ${licenseId} AND "accountId" = ${ctx.accountId}
      AND ("maxConsumptions" IS NULL OR "consumptionUsed" + ${amount} <= "maxConsumptions")
    RETURNING "consumptionUsed", "maxConsumptions"`;
  const row = rows[0];
  if (!row) return null;
  await recordHistory(sql, ctx, licenseId, unitsConsumed(amount, row.consumptionUsed, row.maxConsumptions));
  return { consumptionUsed: row.consumptionUsed };
}

/**
 * Last-validated stamps of many licenses in one statement. A stamp never moves back, and the row's
 * updatedAt stays: a validation is not a change to the license.
 */
export async function stampLastValidated(sql: Sql, stamps: { id: string; at: Date }[]): Promise<void> {
  if (stamps.length === 0) return;
  await sql.$executeRaw`
    UPDATE "License" l SET "lastValidatedAt" = s.at
    FROM ${recordset("s", { id: "text", at: "timestamptz" }, stamps)}
    WHERE l.id = s.id AND (l."lastValidatedAt" IS NULL OR l."lastValidatedAt" < s.at)`;
}
