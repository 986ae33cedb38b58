import type { Tx } from "../db/client";
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

export interface AppliedChanges {
  created: { id: string; key: string }[];
  changed: number;
}

type HistoryRow = {
  accountId: string;
  licenseId: string;
  type: string;
  causeType: Cause["type"];
  causeId: string | null;
  message: string;
  details: object;
};

async function insertHistory(tx: Sql, rows: HistoryRow[]) {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "LicenseEvent" (id, "accountId", "licenseId", type, "causeType", "causeId", message, details)
    VALUES ${Prisma.join(
      rows.map(
        (r) =>
          Prisma.sql`(gen_random_uuid()::text, ${r.accountId}, ${r.licenseId}, ${r.type}, ${r.causeType}::"CauseType", ${r.causeId}, ${r.message}, ${JSON.stringify(r.details)}::jsonb)`,
      ),
    )}`;
}

function licenseValues(ctx: ChangeContext, l: NewLicense): Prisma.Sql {
  return Prisma.sql`(gen_random_uuid()::text, ${ctx.accountId}, ${generateLicenseKey()}, ${l.spec.productId}, ${l.spec.policyId},
    ${l.bundleId}, (SELECT id FROM customer), ${l.active ? "ACTIVE" : "DISABLED"}::"LicenseStatus", ${l.disabledReason},
    ${licenseTypeToDb(l.spec.licenseType)}::"LicenseType", ${JSON.stringify(l.spec)}::jsonb, ${l.maxActivations}::int,
    ${l.floatingUsers}::int, ${l.maxLicenseUsers}::int, ${l.spec.maxConsumptions}::int, ${l.expiresAt}::timestamptz,
    ${l.maintenanceUntil}::timestamptz, ${l.graceUntil}::timestamptz, ${l.sourceKey}, ${l.unitIndex}::int, ${l.bundleMemberCode},
    ${l.stripe.subscriptionId ?? null}, ${l.stripe.subscriptionItemId ?? null}, ${l.stripe.invoiceId ?? null},
    ${l.stripe.checkoutSessionId ?? null}, ${l.stripe.paymentIntentId ?? null}, ${l.stripe.lineItemId ?? null},
    ${l.stripe.priceId}, now())`;
}

/**
 * One statement for every license a webhook makes: the rows, and for each row actually inserted its
 * CREATED history line (plus DISABLED when it is born disabled), so skipped duplicates get no history.
 */
async function insertLicenses(tx: Sql, ctx: ChangeContext, wanted: { license: NewLicense; message: string }[]) {
  const messages = Prisma.join(wanted.map((w) => Prisma.sql`(${w.license.sourceKey}, ${w.message})`));
  return tx.$queryRaw<{ id: string; key: string; sourceKey: string }[]>`
    WITH customer AS (${customerIdSql(ctx.accountId, ctx.customer)}),
    inserted AS (
    INSERT INTO "License" (id, "accountId", key, "productId", "policyId", "bundleId", "customerId", status, "disabledReason",
      "licenseType", spec, "maxActivations", "floatingUsers", "maxLicenseUsers", "maxConsumptions", "expiresAt",
      "maintenanceUntil", "graceUntil", "sourceKey", "unitIndex", "bundleMemberCode", "stripeSubscriptionId",
      "stripeSubscriptionItemId", "stripeInvoiceId", "stripeCheckoutSessionId", "stripePaymentIntentId", "stripeLineItemId",
      "stripePriceId", "updatedAt")
    VALUES ${Prisma.join(wanted.map((w) => licenseValues(ctx, w.license)))}
    ON CONFLICT DO NOTHING
    RETURNING id, key, "sourceKey", status, "disabledReason"),
    history AS (
      INSERT INTO "LicenseEvent" (id, "accountId", "licenseId", type, "causeType", "causeId", message, details)
      SELECT gen_random_uuid()::text, ${ctx.accountId}, i.id, e.type, ${ctx.cause.type}::"CauseType", ${ctx.cause.id}, e.message, e.details
      FROM inserted i
      JOIN (VALUES ${messages}) AS m("sourceKey", message) ON m."sourceKey" = i."sourceKey"
      CROSS JOIN LATERAL (
        SELECT 'CREATED' AS type, m.message AS message, jsonb_build_object('sourceKey', i."sourceKey", 'status', i.status) AS details, 1 AS n
        UNION ALL
        SELECT 'DISABLED', 'Created disabled: ' || i."disabledReason", '{}'::jsonb, 2 WHERE i.status = 'DISABLED'
      ) e
      ORDER BY i."sourceKey", e.n)
    SELECT id, key, "sourceKey" FROM inserted`;
}

/**
 * Inserts licenses once per business key: a license whose purchase already made it (another delivery,
 * another endpoint) is skipped, because the database, not this process, decides what exists.
 */
async function createLicenses(tx: Sql, ctx: ChangeContext, wanted: { license: NewLicense; message: string }[]) {
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
  const bySource = new Map(wanted.map((w) => [w.license.sourceKey, w]));
  const users: { accountId: string; licenseId: string; email: string; isManager: boolean }[] = [];
  for (const row of created) {
    const w = bySource.get(row.sourceKey)!;
    const spec = w.license.spec;
    const email = ctx.customer?.email;
    if (email && (spec.assignCustomerAsUser || spec.isLicenseManager)) {
      users.push({ accountId: ctx.accountId, licenseId: row.id, email, isManager: spec.isLicenseManager });
    }
  }
  if (users.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "LicenseUser" (id, "accountId", "licenseId", email, "isManager")
      VALUES ${Prisma.join(users.map((u) => Prisma.sql`(gen_random_uuid()::text, ${u.accountId}, ${u.licenseId}, ${u.email}, ${u.isManager})`))}
      ON CONFLICT DO NOTHING`;
  }
  return created.map(({ id, key }) => ({ id, key }));
}

function historyRow(ctx: ChangeContext, licenseId: string, type: string, message: string, details: object): HistoryRow {
  return {
    accountId: ctx.accountId,
    licenseId,
    type,
    causeType: ctx.cause.type,
    causeId: ctx.cause.id,
    message,
    details,
  };
}

/** Writes what the rules decided, each change with its history line, inside the caller's transaction. */
export async function applyLicenseChanges(tx: Sql, ctx: ChangeContext, changes: LicenseChange[]): Promise<AppliedChanges> {
  const creates = changes.flatMap((c) => (c.kind === "create" ? [c] : []));
  const created = creates.length > 0 ? await createLicenses(tx, ctx, creates) : [];
  const history: HistoryRow[] = [];
  let changed = 0;
  for (const change of changes) {
    if (change.kind === "create") continue;
    const id = change.licenseId;
    switch (change.kind) {
      case "enable":
        await tx.$executeRaw`UPDATE "License" SET status = 'ACTIVE', "disabledReason" = NULL, "updatedAt" = now() WHERE id = ${id}`;
        history.push(historyRow(ctx, id, "ENABLED", change.message, {}));
        break;
      case "disable":
        await tx.$executeRaw`UPDATE "License" SET status = 'DISABLED', "disabledReason" = ${change.reason}, "updatedAt" = now() WHERE id = ${id}`;
        history.push(historyRow(ctx, id, "DISABLED", change.message, { reason: change.reason }));
        break;
      case "extend":
        await tx.$executeRaw`UPDATE "License" SET "expiresAt" = ${change.expiresAt}::timestamptz, "updatedAt" = now() WHERE id = ${id}`;
        history.push(historyRow(ctx, id, "EXPIRY_CHANGED", change.message, { expiresAt: change.expiresAt }));
        break;
      case "grace":
        await tx.$executeRaw`UPDATE "License" SET "graceUntil" = ${change.graceUntil}::timestamptz, "updatedAt" = now() WHERE id = ${id}`;
        history.push(historyRow(ctx, id, "GRACE_CHANGED", change.message, { graceUntil: change.graceUntil }));
        break;
      case "respec":
        await tx.$executeRaw`UPDATE "License" SET spec = ${JSON.stringify(change.spec)}::jsonb,
            "licenseType" = ${licenseTypeToDb(change.spec.licenseType)}::"LicenseType", "productId" = ${change.spec.productId},
            "policyId" = ${change.spec.policyId}, "stripePriceId" = ${change.priceId}, "maxActivations" = ${change.maxActivations}::int,
            "floatingUsers" = ${change.floatingUsers}::int, "maxLicenseUsers" = ${change.maxLicenseUsers}::int,
            "maxConsumptions" = ${change.spec.maxConsumptions}::int, "expiresAt" = ${change.expiresAt}::timestamptz, "updatedAt" = now()
          WHERE id = ${id}`;
        history.push(historyRow(ctx, id, "SPEC_CHANGED", change.message, { priceId: change.priceId }));
        break;
      case "resetConsumption":
        await tx.$executeRaw`UPDATE "License" SET "consumptionUsed" = 0, "updatedAt" = now() WHERE id = ${id}`;
        history.push(historyRow(ctx, id, "CONSUMPTION_RESET", change.message, {}));
        break;
      case "note":
        history.push(historyRow(ctx, id, change.type, change.message, {}));
        break;
    }
    if (change.kind !== "note") changed++;
  }
  await insertHistory(tx, history);
  return { created, changed };
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
    data: historyRow({ accountId, customer: null, cause }, licenseId, enable ? "ENABLED" : "DISABLED", `${enable ? "Enabled" : "Disabled"} by hand: ${reason}`, { reason, manual: true }),
  });
  return license;
}
