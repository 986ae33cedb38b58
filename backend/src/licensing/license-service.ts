import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client";
import type { DeferredWrite } from "../db/deferred-writes";
import { customerIdSql, type CustomerFacts } from "../db/customer-repo";
import type { Sql } from "../db/sql";
import { Prisma } from "../generated/prisma/client";
import { NotFoundError } from "../errors";
import type { Cause } from "./cause";
import { generateLicenseKey } from "./license-key";
import { licenseTypeToDb } from "./resolved-spec";
import type { LicenseChange } from "./rules/license-change";
import type { NewLicense } from "./rules/new-license";

export interface ChangeContext {
  accountId: string;
  /** Whom new licenses belong to; null when the event creates none. */
  customer: CustomerFacts | null;
  cause: Cause;
}

/** A history line of an existing license; the account and the cause are the event's, for every line. */
type HistoryRow = { licenseId: string; type: string; message: string; details: object };

type WantedLicense = Extract<LicenseChange, { kind: "create" }>;

export type CreatedLicense = { id: string; key: string };

function licenseValues(ctx: ChangeContext, l: NewLicense, id: Prisma.Sql, key: string): Prisma.Sql {
  return Prisma.sql`(${id}, ${ctx.accountId}, ${key}, ${l.spec.productId}, ${l.spec.policyId},
    ${l.bundleId}, (SELECT id FROM "customer"), ${l.active ? "ACTIVE" : "DISABLED"}::"LicenseStatus", ${l.disabledReason},
    ${licenseTypeToDb(l.spec.licenseType)}::"LicenseType", ${JSON.stringify(l.spec)}::jsonb, ${l.maxActivations}::int,
    ${l.floatingUsers}::int, ${l.maxLicenseUsers}::int, ${l.spec.maxConsumptions}::int, ${l.expiresAt}::timestamptz,
    ${l.maintenanceUntil}::timestamptz, ${l.graceUntil}::timestamptz, ${l.sourceKey}, ${l.unitIndex}::int, ${l.bundleMemberCode},
    ${l.stripe.subscriptionId ?? null}, ${l.stripe.subscriptionItemId ?? null}, ${l.stripe.invoiceId ?? null},
    ${l.stripe.checkoutSessionId ?? null}, ${l.stripe.paymentIntentId ?? null}, ${l.stripe.lineItemId ?? null},
    ${l.stripe.priceId}, now())`;
}

const LICENSE_COLUMNS = Prisma.raw(`id, "accountId", key, "productId", "policyId", "bundleId", "customerId", status, "disabledReason",
      "licenseType", spec, "maxActivations", "floatingUsers", "maxLicenseUsers", "maxConsumptions", "expiresAt",
      "maintenanceUntil", "graceUntil", "sourceKey", "unitIndex", "bundleMemberCode", "stripeSubscriptionId",
      "stripeSubscriptionItemId", "stripeInvoiceId", "stripeCheckoutSessionId", "stripePaymentIntentId", "stripeLineItemId",
      "stripePriceId", "updatedAt"`);

/** The CREATED history line of every row in `from` (plus DISABLED when it is born disabled). */
function createdHistory(ctx: ChangeContext, from: string, wanted: WantedLicense[]): Prisma.Sql {
  const messages = Prisma.join(wanted.map((w) => Prisma.sql`(${w.license.sourceKey}, ${w.message})`));
  return Prisma.sql`
    INSERT INTO "LicenseEvent" (id, "accountId", "licenseId", type, "causeType", "causeId", message, details)
    SELECT gen_random_uuid()::text, ${ctx.accountId}, i.id, e.type, ${ctx.cause.type}::"CauseType", ${ctx.cause.id}, e.message, e.details
    FROM ${Prisma.raw(`"${from}"`)} i
    JOIN (VALUES ${messages}) AS m("sourceKey", message) ON m."sourceKey" = i."sourceKey"
    CROSS JOIN LATERAL (
      SELECT 'CREATED' AS type, m.message AS message, jsonb_build_object('sourceKey', i."sourceKey", 'status', i.status) AS details, 1 AS n
      UNION ALL
      SELECT 'DISABLED', 'Created disabled: ' || i."disabledReason", '{}'::jsonb, 2 WHERE i.status = 'DISABLED'
    ) e
    ORDER BY i."sourceKey", e.n`;
}

/** License users that come with new licenses: the buying customer, when the spec says so. */
function customerUsers(ctx: ChangeContext, licenses: { id: string; license: NewLicense }[]): Prisma.Sql | null {
  const email = ctx.customer?.email;
  const users = licenses.filter(({ license: { spec } }) => email && (spec.assignCustomerAsUser || spec.isLicenseManager));
  if (!email || users.length === 0) return null;
  return Prisma.sql`
    INSERT INTO "LicenseUser" (id, "accountId", "licenseId", email, "isManager")
    VALUES ${Prisma.join(users.map((u) => Prisma.sql`(gen_random_uuid()::text, ${ctx.accountId}, ${u.id}, ${email}, ${u.license.spec.isLicenseManager})`))}
    ON CONFLICT DO NOTHING`;
}

/**
 * One statement for the licenses of a purchase that may already exist (another delivery, another
 * endpoint): rows whose business key exists are skipped, because the database, not this process, decides
 * what exists; only rows actually inserted get history.
 */
async function insertLicenses(tx: Sql, ctx: ChangeContext, wanted: WantedLicense[]) {
  return tx.$queryRaw<{ id: string; key: string; sourceKey: string }[]>`
    WITH "customer" AS (${customerIdSql(ctx.accountId, ctx.customer)}),
    "inserted" AS (
      INSERT INTO "License" (${LICENSE_COLUMNS})
      VALUES ${Prisma.join(wanted.map((w) => licenseValues(ctx, w.license, Prisma.sql`gen_random_uuid()::text`, generateLicenseKey())))}
      ON CONFLICT DO NOTHING
      RETURNING id, key, "sourceKey", status, "disabledReason"),
    "history" AS (${createdHistory(ctx, "inserted", wanted)})
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
    const rows = await insertLicenses(tx, ctx, pending);
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
  const rows = wanted.map((w) => ({ ...w, id: randomUUID(), key: generateLicenseKey() }));
  const users = customerUsers(ctx, rows);
  const writes: DeferredWrite[] = [
    { name: "customer", sql: customerIdSql(ctx.accountId, ctx.customer) },
    {
      name: "new_licenses",
      sql: Prisma.sql`INSERT INTO "License" (${LICENSE_COLUMNS})
        VALUES ${Prisma.join(rows.map((r) => licenseValues(ctx, r.license, Prisma.sql`${r.id}`, r.key)))}
        RETURNING id, "sourceKey", status, "disabledReason"`,
      expectRows: rows.length,
    },
    { name: "new_license_history", sql: createdHistory(ctx, "new_licenses", wanted) },
    ...(users ? [{ name: "new_license_users", sql: users }] : []),
  ];
  return { writes, created: rows.map(({ id, key }) => ({ id, key })) };
}

/** Every field a change may set on a license; a license changed twice in one event gets one row. */
interface LicensePatch {
  id: string;
  status: "ACTIVE" | "DISABLED" | null;
  disabledReason: string | null;
  setExpiresAt: boolean;
  expiresAt: Date | null;
  setGraceUntil: boolean;
  graceUntil: Date | null;
  respec: Extract<LicenseChange, { kind: "respec" }> | null;
  resetConsumption: boolean;
}

function patchesOf(changes: LicenseChange[]): LicensePatch[] {
  const patches = new Map<string, LicensePatch>();
  for (const change of changes) {
    if (change.kind === "create" || change.kind === "note") continue;
    const p = patches.get(change.licenseId) ?? {
      id: change.licenseId,
      status: null,
      disabledReason: null,
      setExpiresAt: false,
      expiresAt: null,
      setGraceUntil: false,
      graceUntil: null,
      respec: null,
      resetConsumption: false,
    };
    switch (change.kind) {
      case "enable":
        Object.assign(p, { status: "ACTIVE", disabledReason: null });
        break;
      case "disable":
        Object.assign(p, { status: "DISABLED", disabledReason: change.reason });
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
  return Prisma.sql`
    UPDATE "License" l SET
      status = COALESCE(u.status::"LicenseStatus", l.status),
      "disabledReason" = CASE WHEN u.status IS NULL THEN l."disabledReason" ELSE u."disabledReason" END,
      "expiresAt" = CASE WHEN u."setExpiresAt" THEN u."expiresAt" ELSE l."expiresAt" END,
      "graceUntil" = CASE WHEN u."setGraceUntil" THEN u."graceUntil" ELSE l."graceUntil" END,
      spec = COALESCE(u.spec, l.spec),
      "licenseType" = COALESCE(u."licenseType"::"LicenseType", l."licenseType"),
      "productId" = CASE WHEN u.spec IS NULL THEN l."productId" ELSE u."productId" END,
      "policyId" = CASE WHEN u.spec IS NULL THEN l."policyId" ELSE u."policyId" END,
      "stripePriceId" = COALESCE(u."priceId", l."stripePriceId"),
      "maxActivations" = COALESCE(u."maxActivations", l."maxActivations"),
      "floatingUsers" = CASE WHEN u.spec IS NULL THEN l."floatingUsers" ELSE u."floatingUsers" END,
      "maxLicenseUsers" = CASE WHEN u.spec IS NULL THEN l."maxLicenseUsers" ELSE u."maxLicenseUsers" END,
      "maxConsumptions" = CASE WHEN u.spec IS NULL THEN l."maxConsumptions" ELSE u."maxConsumptions" END,
      "consumptionUsed" = CASE WHEN u."resetConsumption" THEN 0 ELSE l."consumptionUsed" END,
      "updatedAt" = now()
    FROM unnest(
      ${col((p) => p.id)}::text[], ${col((p) => p.status)}::text[], ${col((p) => p.disabledReason)}::text[],
      ${col((p) => p.setExpiresAt)}::boolean[], ${col((p) => p.expiresAt)}::timestamptz[],
      ${col((p) => p.setGraceUntil)}::boolean[], ${col((p) => p.graceUntil)}::timestamptz[],
      ${col((p) => (spec(p) ? JSON.stringify(spec(p)) : null))}::jsonb[],
      ${col((p) => (spec(p) ? licenseTypeToDb(spec(p)!.licenseType) : null))}::text[],
      ${col((p) => spec(p)?.productId ?? null)}::text[], ${col((p) => spec(p)?.policyId ?? null)}::text[],
      ${col((p) => p.respec?.priceId ?? null)}::text[], ${col((p) => p.respec?.maxActivations ?? null)}::int[],
      ${col((p) => p.respec?.floatingUsers ?? null)}::int[], ${col((p) => p.respec?.maxLicenseUsers ?? null)}::int[],
      ${col((p) => spec(p)?.maxConsumptions ?? null)}::int[], ${col((p) => p.resetConsumption)}::boolean[]
    ) AS u(id, status, "disabledReason", "setExpiresAt", "expiresAt", "setGraceUntil", "graceUntil", spec, "licenseType",
           "productId", "policyId", "priceId", "maxActivations", "floatingUsers", "maxLicenseUsers", "maxConsumptions",
           "resetConsumption")
    WHERE l.id = u.id AND l."accountId" = ${accountId}
    RETURNING l.id`;
}

function historyOf(change: Exclude<LicenseChange, { kind: "create" }>): HistoryRow {
  const row = (type: string, details: object): HistoryRow => ({ licenseId: change.licenseId, type, message: change.message, details });
  switch (change.kind) {
    case "enable":
      return row("ENABLED", {});
    case "disable":
      return row("DISABLED", { reason: change.reason });
    case "extend":
      return row("EXPIRY_CHANGED", { expiresAt: change.expiresAt });
    case "grace":
      return row("GRACE_CHANGED", { graceUntil: change.graceUntil });
    case "respec":
      return row("SPEC_CHANGED", { priceId: change.priceId });
    case "resetConsumption":
      return row("CONSUMPTION_RESET", {});
    case "note":
      return row(change.type, {});
  }
}

function historyInsert(ctx: ChangeContext, rows: HistoryRow[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "LicenseEvent" (id, "accountId", "licenseId", type, "causeType", "causeId", message, details)
    SELECT gen_random_uuid()::text, ${ctx.accountId}, h."licenseId", h.type, ${ctx.cause.type}::"CauseType", ${ctx.cause.id}, h.message, h.details
    FROM unnest(${rows.map((r) => r.licenseId)}::text[], ${rows.map((r) => r.type)}::text[], ${rows.map((r) => r.message)}::text[],
                ${rows.map((r) => JSON.stringify(r.details))}::jsonb[]) AS h("licenseId", type, message, details)`;
}

/** Changes to existing licenses (and notes), each with its history line, as deferred writes. */
function existingLicenseWrites(ctx: ChangeContext, changes: LicenseChange[]): { writes: DeferredWrite[]; changed: number } {
  const others = changes.filter((c): c is Exclude<LicenseChange, { kind: "create" }> => c.kind !== "create");
  const patches = patchesOf(others);
  const writes: DeferredWrite[] = [];
  if (patches.length > 0) writes.push({ name: "license_updates", sql: licenseUpdates(ctx.accountId, patches), expectRows: patches.length });
  if (others.length > 0) writes.push({ name: "license_history", sql: historyInsert(ctx, others.map(historyOf)) });
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

/**
 * A person enables or disables a license. A manual disable sticks: automatic rules never re-enable it;
 * a manual enable lifts that.
 */
export async function setLicenseStatusByHand(
  tx: Tx,
  accountId: string,
  licenseId: string,
  enable: boolean,
  reason: string,
  cause: Cause,
) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "License" WHERE id = ${licenseId} AND "accountId" = ${accountId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError(`No license ${licenseId}`);
  const license = await tx.license.update({
    where: { id: licenseId },
    data: enable
      ? { status: "ACTIVE", manuallyDisabled: false, disabledReason: null }
      : { status: "DISABLED", manuallyDisabled: true, disabledReason: reason },
  });
  await tx.licenseEvent.create({
    data: {
      accountId,
      licenseId,
      type: enable ? "ENABLED" : "DISABLED",
      causeType: cause.type,
      causeId: cause.id,
      message: `${enable ? "Enabled" : "Disabled"} by hand: ${reason}`,
      details: { reason, manual: true },
    },
  });
  return license;
}
