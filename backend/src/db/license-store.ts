import { randomUUID } from "node:crypto";
import { Prisma } from "../generated/prisma/client";
import type { Cause } from "../licensing/cause";
import type { CustomerFacts } from "../licensing/customer";
import { historyOfChange, historyOfNewLicense, type HistoryLine } from "../licensing/history";
import { generateLicenseKey } from "../licensing/license-key";
import type { LicenseChange } from "../licensing/rules/license-change";
import type { NewLicense } from "../licensing/rules/new-license";
import { LICENSE_COLUMNS, licenseTypeToDb, quoted, type LicenseColumn } from "./columns";
import { customerIdSql } from "./customer-store";
import { runWrites, type DeferredWrite } from "./deferred-writes";
import type { Sql } from "./sql";

// The one module that writes License, LicenseEvent and LicenseUser rows: webhooks, manual changes, the
// grace sweeper and the APIs all go through it, and every change gets its history line here. Rows travel as
// arrays (unnest), so a statement's text and parameter count do not grow with the number of licenses.

/** Whose licenses these are and what caused the change; `customer` only matters for new licenses. */
export interface ChangeContext {
  accountId: string;
  customer: CustomerFacts | null;
  cause: Cause;
}

type WantedLicense = Extract<LicenseChange, { kind: "create" }>;

export type CreatedLicense = { id: string; key: string };

/** Columns a new row gets from SQL rather than from the license. */
const FROM_SQL = {
  customerId: `(SELECT id FROM "customer")`,
  manuallyDisabled: "false",
  consumptionUsed: "0",
  createdAt: "now()",
  updatedAt: "now()",
} as const satisfies Partial<Record<LicenseColumn, string>>;

type ValueColumn = Exclude<LicenseColumn, keyof typeof FROM_SQL>;
const VALUE_COLUMNS = (Object.keys(LICENSE_COLUMNS) as LicenseColumn[]).filter((c): c is ValueColumn => !(c in FROM_SQL));

function rowOf(accountId: string, l: NewLicense, id: string, key: string): Record<ValueColumn, unknown> {
  return {
    id,
    accountId,
    key,
    productId: l.spec.productId,
    policyId: l.spec.policyId,
    bundleId: l.bundleId,
    status: l.active ? "ACTIVE" : "DISABLED",
    disabledReason: l.disabledReason,
    licenseType: licenseTypeToDb(l.spec.licenseType),
    spec: JSON.stringify(l.spec),
    maxActivations: l.maxActivations,
    floatingUsers: l.floatingUsers,
    maxLicenseUsers: l.maxLicenseUsers,
    expiresAt: l.expiresAt,
    maintenanceUntil: l.maintenanceUntil,
    graceUntil: l.graceUntil,
    maxConsumptions: l.spec.maxConsumptions,
    sourceKey: l.sourceKey,
    stripeSubscriptionId: l.stripe.subscriptionId ?? null,
    stripeSubscriptionItemId: l.stripe.subscriptionItemId ?? null,
    stripeInvoiceId: l.stripe.invoiceId ?? null,
    stripeCheckoutSessionId: l.stripe.checkoutSessionId ?? null,
    stripePaymentIntentId: l.stripe.paymentIntentId ?? null,
    stripeLineItemId: l.stripe.lineItemId ?? null,
    stripePriceId: l.stripe.priceId,
    unitIndex: l.unitIndex,
    bundleMemberCode: l.bundleMemberCode,
  };
}

/** `$n::type[]` per column: one array parameter each, whatever the number of rows. */
function columnArrays<C extends string>(columns: readonly C[], types: Record<C, string>, rows: Record<C, unknown>[]): Prisma.Sql {
  return Prisma.join(columns.map((c) => Prisma.sql`${rows.map((r) => r[c])}::${Prisma.raw(types[c])}[]`));
}

/** INSERT … SELECT FROM unnest(…): the statement that writes new license rows; `suffix` ends it. */
function insertLicenses(rows: Record<ValueColumn, unknown>[], suffix: Prisma.Sql): Prisma.Sql {
  const columns = [...VALUE_COLUMNS, ...(Object.keys(FROM_SQL) as (keyof typeof FROM_SQL)[])];
  const selected = [...VALUE_COLUMNS.map((c) => `v.${quoted(c)}`), ...Object.values(FROM_SQL)];
  return Prisma.sql`
    INSERT INTO "License" (${Prisma.raw(columns.map(quoted).join(", "))})
    SELECT ${Prisma.raw(selected.join(", "))}
    FROM unnest(${columnArrays(VALUE_COLUMNS, LICENSE_COLUMNS, rows)}) AS v(${Prisma.raw(VALUE_COLUMNS.map(quoted).join(", "))})
    ${suffix}`;
}

/** History lines of rows in the CTE `from`, matched by business key, in the order given. */
function historyOfInserted(ctx: ChangeContext, from: string, lines: { sourceKey: string; line: HistoryLine }[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "LicenseEvent" (id, "accountId", "licenseId", type, "causeType", "causeId", message, details)
    SELECT gen_random_uuid()::text, ${ctx.accountId}, i.id, h.type, ${ctx.cause.type}::"CauseType", ${ctx.cause.id}, h.message, h.details
    FROM unnest(${lines.map((l) => l.sourceKey)}::text[], ${lines.map((l) => l.line.type)}::text[], ${lines.map((l) => l.line.message)}::text[],
                ${lines.map((l) => JSON.stringify(l.line.details))}::jsonb[]) WITH ORDINALITY AS h("sourceKey", type, message, details, n)
    JOIN ${Prisma.raw(quoted(from))} i ON i."sourceKey" = h."sourceKey"
    ORDER BY h.n`;
}

const createdLines = (wanted: WantedLicense[]) =>
  wanted.flatMap((w) => historyOfNewLicense(w.license, w.message).map((line) => ({ sourceKey: w.license.sourceKey, line })));

/** History lines of existing licenses, written with the change's cause. */
function historyInsert(ctx: ChangeContext, lines: { licenseId: string; line: HistoryLine }[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "LicenseEvent" (id, "accountId", "licenseId", type, "causeType", "causeId", message, details)
    SELECT gen_random_uuid()::text, ${ctx.accountId}, h."licenseId", h.type, ${ctx.cause.type}::"CauseType", ${ctx.cause.id}, h.message, h.details
    FROM unnest(${lines.map((l) => l.licenseId)}::text[], ${lines.map((l) => l.line.type)}::text[], ${lines.map((l) => l.line.message)}::text[],
                ${lines.map((l) => JSON.stringify(l.line.details))}::jsonb[]) WITH ORDINALITY AS h("licenseId", type, message, details, n)
    ORDER BY h.n`;
}

/** License users that come with new licenses: the buying customer, when the spec says so. */
function customerUsers(ctx: ChangeContext, licenses: { id: string; license: NewLicense }[]): Prisma.Sql | null {
  const email = ctx.customer?.email;
  const users = licenses.filter(({ license: { spec } }) => email && (spec.assignCustomerAsUser || spec.isLicenseManager));
  if (!email || users.length === 0) return null;
  return Prisma.sql`
    INSERT INTO "LicenseUser" (id, "accountId", "licenseId", email, "isManager")
    SELECT gen_random_uuid()::text, ${ctx.accountId}, u."licenseId", ${email}, u."isManager"
    FROM unnest(${users.map((u) => u.id)}::text[], ${users.map((u) => u.license.spec.isLicenseManager)}::boolean[]) AS u("licenseId", "isManager")
    ON CONFLICT DO NOTHING`;
}

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

/** Every field a change may set on a license; a license changed twice in one event gets one row. */
interface LicensePatch {
  id: string;
  status: "ACTIVE" | "DISABLED" | null;
  disabledReason: string | null;
  manuallyDisabled: boolean | null;
  setExpiresAt: boolean;
  expiresAt: Date | null;
  setGraceUntil: boolean;
  graceUntil: Date | null;
  respec: Extract<LicenseChange, { kind: "respec" }> | null;
  resetConsumption: boolean;
}

type ExistingChange = Exclude<LicenseChange, { kind: "create" }>;

function patchesOf(changes: ExistingChange[]): LicensePatch[] {
  const patches = new Map<string, LicensePatch>();
  for (const change of changes) {
    if (change.kind === "note") continue;
    const p = patches.get(change.licenseId) ?? {
      id: change.licenseId,
      status: null,
      disabledReason: null,
      manuallyDisabled: null,
      setExpiresAt: false,
      expiresAt: null,
      setGraceUntil: false,
      graceUntil: null,
      respec: null,
      resetConsumption: false,
    };
    switch (change.kind) {
      case "enable":
        Object.assign(p, { status: "ACTIVE", disabledReason: null, ...(change.byHand ? { manuallyDisabled: false } : {}) });
        break;
      case "disable":
        Object.assign(p, { status: "DISABLED", disabledReason: change.reason, ...(change.byHand ? { manuallyDisabled: true } : {}) });
        break;
      case "extend":
        Object.assign(p, { setExpiresAt: true, expiresAt: change.expiresAt });
        break;
      case "grace":
        Object.assign(p, { setGraceUntil: true, graceUntil: change.graceUntil });
        break;
      case "respec":
        Object.assign(p, { respec: change, setExpiresAt: true, expiresAt: change.expiresAt });
        break;
      case "resetConsumption":
        p.resetConsumption = true;
        break;
    }
    patches.set(change.licenseId, p);
  }
  return [...patches.values()];
}

/** One UPDATE for every changed license, whatever the number: the columns travel as arrays. */
function licenseUpdates(accountId: string, patches: LicensePatch[]): Prisma.Sql {
  const col = <T>(f: (p: LicensePatch) => T) => patches.map(f);
  const spec = (p: LicensePatch) => p.respec?.spec ?? null;
  const t = (c: LicenseColumn) => Prisma.raw(`${LICENSE_COLUMNS[c]}[]`);
  return Prisma.sql`
    UPDATE "License" l SET
      status = COALESCE(u.status, l.status),
      "disabledReason" = CASE WHEN u.status IS NULL THEN l."disabledReason" ELSE u."disabledReason" END,
      "manuallyDisabled" = COALESCE(u."manuallyDisabled", l."manuallyDisabled"),
      "expiresAt" = CASE WHEN u."setExpiresAt" THEN u."expiresAt" ELSE l."expiresAt" END,
      "graceUntil" = CASE WHEN u."setGraceUntil" THEN u."graceUntil" ELSE l."graceUntil" END,
      spec = COALESCE(u.spec, l.spec),
      "licenseType" = COALESCE(u."licenseType", l."licenseType"),
      "productId" = CASE WHEN u.spec IS NULL THEN l."productId" ELSE u."productId" END,
      "policyId" = CASE WHEN u.spec IS NULL THEN l."policyId" ELSE u."policyId" END,
      "stripePriceId" = COALESCE(u."stripePriceId", l."stripePriceId"),
      "maxActivations" = COALESCE(u."maxActivations", l."maxActivations"),
      "floatingUsers" = CASE WHEN u.spec IS NULL THEN l."floatingUsers" ELSE u."floatingUsers" END,
      "maxLicenseUsers" = CASE WHEN u.spec IS NULL THEN l."maxLicenseUsers" ELSE u."maxLicenseUsers" END,
      "maxConsumptions" = CASE WHEN u.spec IS NULL THEN l."maxConsumptions" ELSE u."maxConsumptions" END,
      "consumptionUsed" = CASE WHEN u."resetConsumption" THEN 0 ELSE l."consumptionUsed" END,
      "updatedAt" = now()
    FROM unnest(
      ${col((p) => p.id)}::${t("id")}, ${col((p) => p.status)}::${t("status")}, ${col((p) => p.disabledReason)}::${t("disabledReason")},
      ${col((p) => p.manuallyDisabled)}::${t("manuallyDisabled")},
      ${col((p) => p.setExpiresAt)}::boolean[], ${col((p) => p.expiresAt)}::${t("expiresAt")},
      ${col((p) => p.setGraceUntil)}::boolean[], ${col((p) => p.graceUntil)}::${t("graceUntil")},
      ${col((p) => (spec(p) ? JSON.stringify(spec(p)) : null))}::${t("spec")},
      ${col((p) => (spec(p) ? licenseTypeToDb(spec(p)!.licenseType) : null))}::${t("licenseType")},
      ${col((p) => spec(p)?.productId ?? null)}::${t("productId")}, ${col((p) => spec(p)?.policyId ?? null)}::${t("policyId")},
      ${col((p) => p.respec?.priceId ?? null)}::${t("stripePriceId")}, ${col((p) => p.respec?.maxActivations ?? null)}::${t("maxActivations")},
      ${col((p) => p.respec?.floatingUsers ?? null)}::${t("floatingUsers")}, ${col((p) => p.respec?.maxLicenseUsers ?? null)}::${t("maxLicenseUsers")},
      ${col((p) => spec(p)?.maxConsumptions ?? null)}::${t("maxConsumptions")}, ${col((p) => p.resetConsumption)}::boolean[]
    ) AS u(id, status, "disabledReason", "manuallyDisabled", "setExpiresAt", "expiresAt", "setGraceUntil", "graceUntil", spec,
           "licenseType", "productId", "policyId", "stripePriceId", "maxActivations", "floatingUsers", "maxLicenseUsers",
           "maxConsumptions", "resetConsumption")
    WHERE l.id = u.id AND l."accountId" = ${accountId}
    RETURNING l.id`;
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
