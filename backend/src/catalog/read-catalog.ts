import type { Tx } from "../db/client";
import { NotFoundError } from "../errors";
import { toBundleRecord, toPolicyRecord, toProductRecord, type BundleRecord, type PolicyRecord, type ProductRecord, type ProductWithPolicies } from "./records";

// Reads of one account's catalog for the admin API and `catalog apply`. Another account's codes are
// simply not found.

type Reader = Pick<Tx, "product" | "policy" | "bundle">;

const withMembers = { members: { include: { product: { select: { shortCode: true } } } } } as const;
const withPolicies = { policies: { orderBy: { code: "asc" } } } as const;

export async function listProducts(db: Reader, accountId: string): Promise<ProductRecord[]> {
  const rows = await db.product.findMany({ where: { accountId }, orderBy: { shortCode: "asc" } });
  return rows.map(toProductRecord);
}

export async function getProduct(db: Reader, accountId: string, shortCode: string): Promise<ProductWithPolicies> {
  const row = await db.product.findUnique({ where: { accountId_shortCode: { accountId, shortCode } }, include: withPolicies });
  if (!row) throw new NotFoundError(`No product with short code "${shortCode}"`);
  return { ...toProductRecord(row), policies: row.policies.map((p) => toPolicyRecord(p, row.shortCode)) };
}

export async function listPolicies(db: Reader, accountId: string, shortCode: string): Promise<PolicyRecord[]> {
  return (await getProduct(db, accountId, shortCode)).policies;
}

export async function listBundles(db: Reader, accountId: string): Promise<BundleRecord[]> {
  const rows = await db.bundle.findMany({ where: { accountId }, orderBy: { code: "asc" }, include: withMembers });
  return rows.map(toBundleRecord);
}

export async function getBundle(db: Reader, accountId: string, code: string): Promise<BundleRecord> {
  const row = await db.bundle.findUnique({ where: { accountId_code: { accountId, code } }, include: withMembers });
  if (!row) throw new NotFoundError(`No bundle with code "${code}"`);
  return toBundleRecord(row);
}

export interface CatalogSnapshot {
  products: ProductWithPolicies[];
  bundles: BundleRecord[];
}

/** The account's whole catalog, for comparing a catalog.yaml against. */
export async function readCatalog(db: Reader, accountId: string): Promise<CatalogSnapshot> {
  const [products, bundles] = await Promise.all([
    db.product.findMany({ where: { accountId }, orderBy: { shortCode: "asc" }, include: withPolicies }),
    listBundles(db, accountId),
  ]);
  return {
    products: products.map((row) => ({ ...toProductRecord(row), policies: row.policies.map((p) => toPolicyRecord(p, row.shortCode)) })),
    bundles,
  };
}
