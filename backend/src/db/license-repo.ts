import type { ResolvedSpec } from "../licensing/resolved-spec";
import type { LicenseState } from "../licensing/rules/license-change";
import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "./client";

const stateSelect = {
  id: true,
  status: true,
  manuallyDisabled: true,
  disabledReason: true,
  stripeSubscriptionItemId: true,
  unitIndex: true,
  bundleMemberCode: true,
  stripePriceId: true,
  spec: true,
  maxActivations: true,
  floatingUsers: true,
  maxLicenseUsers: true,
  expiresAt: true,
  graceUntil: true,
  _count: { select: { activations: { where: { deactivatedAt: null } } } },
} satisfies Prisma.LicenseSelect;

type StateRow = Prisma.LicenseGetPayload<{ select: typeof stateSelect }>;

function toState(row: StateRow): LicenseState {
  return {
    id: row.id,
    status: row.status,
    manuallyDisabled: row.manuallyDisabled,
    disabledReason: row.disabledReason,
    subscriptionItemId: row.stripeSubscriptionItemId,
    unitIndex: row.unitIndex,
    bundleMemberCode: row.bundleMemberCode,
    priceId: row.stripePriceId,
    spec: row.spec as unknown as ResolvedSpec,
    maxActivations: row.maxActivations,
    floatingUsers: row.floatingUsers,
    maxLicenseUsers: row.maxLicenseUsers,
    expiresAt: row.expiresAt,
    graceUntil: row.graceUntil,
    activationCount: row._count.activations,
  };
}

/** Licenses of a subscription or payment intent, locked for the rest of the transaction. */
export async function lockLicenses(
  tx: Tx,
  accountId: string,
  where: { stripeSubscriptionId: string } | { stripePaymentIntentId: string },
): Promise<LicenseState[]> {
  const [column, value] =
    "stripeSubscriptionId" in where
      ? (["stripeSubscriptionId", where.stripeSubscriptionId] as const)
      : (["stripePaymentIntentId", where.stripePaymentIntentId] as const);
  // Prisma has no SELECT … FOR UPDATE; lock the rows first, then read them with their counts.
  const ids =
    column === "stripeSubscriptionId"
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "License" WHERE "accountId" = ${accountId} AND "stripeSubscriptionId" = ${value} ORDER BY id FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "License" WHERE "accountId" = ${accountId} AND "stripePaymentIntentId" = ${value} ORDER BY id FOR UPDATE`;
  if (ids.length === 0) return [];
  const rows = await tx.license.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: stateSelect,
    orderBy: [{ unitIndex: "asc" }, { bundleMemberCode: "asc" }],
  });
  return rows.map(toState);
}
