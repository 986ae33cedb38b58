import { bumpCatalogVersion } from "../db/account-store";
import type { Db, Tx } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import type { Prisma, Product } from "../generated/prisma/client";
import { toPolicyRecord, toProductRecord } from "./records";
import { throwIfInvalid, under } from "./rules/issue";
import { defaultPolicyIssues, policyIssues } from "./rules/policy-rules";

/** Who changed the catalog: written on every CatalogChange row. */
export interface CatalogCause {
  type: "ADMIN_API" | "CLI" | "DASHBOARD_USER";
  /** The API key's id, the Dashboard user's id, or what the CLI ran. */
  id: string | null;
}

/** One transaction of catalog writes for one account. */
export interface CatalogWrite {
  tx: Tx;
  accountId: string;
  cause: CatalogCause;
  /**
   * Products changed in this transaction. Their policies are checked against them at the end rather
   * than at once, so one transaction can drop a feature from a product and from its policies.
   */
  changedProducts: Set<string>;
}

/** Runs catalog writes in one transaction; the catalog is consistent again before it commits. */
export function withCatalogWrite<T>(db: Db, accountId: string, cause: CatalogCause, work: (w: CatalogWrite) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      const w: CatalogWrite = { tx, accountId, cause, changedProducts: new Set() };
      const result = await work(w);
      await checkChangedProducts(w);
      await bumpCatalogVersion(tx, accountId);
      return result;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

async function checkChangedProducts(w: CatalogWrite) {
  for (const id of w.changedProducts) {
    const row = await w.tx.product.findUnique({ where: { id }, include: { policies: { orderBy: { code: "asc" } } } });
    if (!row) continue;
    const product = toProductRecord(row);
    const policies = row.policies.map((p) => toPolicyRecord(p, row.shortCode));
    throwIfInvalid(`Product "${row.shortCode}" no longer fits its policies`, [
      ...policies.flatMap((p) => under(["policies", p.code], policyIssues(p, product))),
      ...defaultPolicyIssues(policies),
    ]);
  }
}

export async function recordChange(
  w: CatalogWrite,
  change: { entity: "product" | "policy" | "bundle"; entityId: string; action: "create" | "update" | "delete"; before: object | null; after: object | null },
) {
  await w.tx.catalogChange.create({
    data: {
      accountId: w.accountId,
      entity: change.entity,
      entityId: change.entityId,
      action: change.action,
      before: (change.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (change.after ?? undefined) as Prisma.InputJsonValue | undefined,
      causeType: w.cause.type,
      causeId: w.cause.id,
    },
  });
}

/**
 * Takes a code for a new product or bundle, or fails when the account uses it already. Product short codes
 * and bundle codes share one namespace (a price's short_code names either) that no unique index spans, so
 * an advisory lock serialises the account's claims until the transaction ends.
 */
export async function claimCode(w: CatalogWrite, code: string) {
  await w.tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${`tessera:catalog-codes:${w.accountId}`}, 0))`;
  const [product, bundle] = await Promise.all([
    w.tx.product.findUnique({ where: { accountId_shortCode: { accountId: w.accountId, shortCode: code } }, select: { id: true } }),
    w.tx.bundle.findUnique({ where: { accountId_code: { accountId: w.accountId, code } }, select: { id: true } }),
  ]);
  if (product) throw new ConflictError(`"${code}" is already the short code of a product`);
  if (bundle) throw new ConflictError(`"${code}" is already the code of a bundle; products and bundles share one set of codes`);
}

/**
 * Locks the product for the rest of the transaction. Edits take NO KEY UPDATE, which does not wait for
 * webhook transactions inserting licenses of the product; a delete takes UPDATE, which does, so no
 * license can appear between its check and the delete.
 */
export async function lockProduct(w: CatalogWrite, shortCode: string, mode: "edit" | "delete" = "edit"): Promise<Product> {
  const locked =
    mode === "edit"
      ? await w.tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Product" WHERE "accountId" = ${w.accountId} AND "shortCode" = ${shortCode} FOR NO KEY UPDATE`
      : await w.tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Product" WHERE "accountId" = ${w.accountId} AND "shortCode" = ${shortCode} FOR UPDATE`;
  const id = locked[0]?.id;
  if (!id) throw new NotFoundError(`No product with short code "${shortCode}"`);
  return w.tx.product.findUniqueOrThrow({ where: { id } });
}
