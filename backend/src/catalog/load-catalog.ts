import { licenseTypeFromDb, POLICY_COLUMNS, quoted, type LicenseTypeDb, type PolicyColumn, type Same } from "../db/columns";
import type { Sql } from "../db/sql";
import { Prisma } from "../generated/prisma/client";
import type { CatalogBundle, CatalogPolicy, CatalogProduct, CatalogView } from "../licensing/catalog-view";

type PolicyRow = Omit<CatalogPolicy, "features" | "customFields" | "licenseType"> & {
  licenseType: LicenseTypeDb | null;
  features: unknown;
  customFields: unknown;
};
type ProductRow = Omit<CatalogProduct, "policies"> & { policies: PolicyRow[] };

function toProduct(row: ProductRow): CatalogProduct {
  return {
    ...row,
    policies: row.policies.map((p) => ({
      ...p,
      licenseType: p.licenseType === null ? null : licenseTypeFromDb(p.licenseType),
      features: p.features as string[],
      customFields: p.customFields as Record<string, string>,
    })),
  };
}

// What spec resolution reads of a policy: every column but the keys tying it to its product and account,
// its name and its timestamps.
const NOT_READ = ["accountId", "productId", "name", "createdAt", "updatedAt"] as const;
type PolicyField = Exclude<PolicyColumn, (typeof NOT_READ)[number]>;
const POLICY_FIELDS = (Object.keys(POLICY_COLUMNS) as PolicyColumn[]).filter((c): c is PolicyField => !(NOT_READ as readonly string[]).includes(c));
// A new Policy column must be read here (and known to CatalogPolicy) or be named in NOT_READ.
export const POLICY_FIELDS_MATCH: Same<PolicyField, keyof CatalogPolicy> = true;

// Each product with its policies as one JSON value: one round trip per event instead of one per relation.
const PRODUCT_JSON = `json_build_object(
  'id', p.id, 'shortCode', p."shortCode", 'name', p.name, 'authorizationMethod', p."authorizationMethod",
  'features', p.features, 'customFields', p."customFields",
  'policies', COALESCE((SELECT json_agg(json_build_object(${POLICY_FIELDS.map((c) => `'${c}', q.${quoted(c)}`).join(", ")}) ORDER BY q.code)
    FROM "Policy" q WHERE q."productId" = p.id), '[]'::json))`;

/** The products and bundles that the given short codes name, read in the caller's transaction. */
export async function loadCatalog(tx: Sql, accountId: string, codes: string[]): Promise<CatalogView> {
  if (codes.length === 0) return { product: () => undefined, bundle: () => undefined };
  const product = Prisma.raw(PRODUCT_JSON);
  const rows = await tx.$queryRaw<{ kind: "product" | "bundle"; doc: ProductRow | (Omit<CatalogBundle, "members"> & { members: ProductRow[] }) }[]>`
    SELECT 'product' AS kind, ${product} AS doc
      FROM "Product" p WHERE p."accountId" = ${accountId} AND p."shortCode" = ANY(${codes}::text[])
    UNION ALL
    SELECT 'bundle' AS kind, json_build_object('id', b.id, 'code', b.code, 'name', b.name,
      'members', COALESCE((SELECT json_agg(${product} ORDER BY p."shortCode")
                             FROM "BundleMember" m JOIN "Product" p ON p.id = m."productId" WHERE m."bundleId" = b.id), '[]'::json)) AS doc
      FROM "Bundle" b WHERE b."accountId" = ${accountId} AND b.code = ANY(${codes}::text[])`;
  const products = new Map<string, CatalogProduct>();
  const bundles = new Map<string, CatalogBundle>();
  for (const { kind, doc } of rows) {
    if (kind === "product") {
      const product = toProduct(doc as ProductRow);
      products.set(product.shortCode, product);
    } else {
      const bundle = doc as Omit<CatalogBundle, "members"> & { members: ProductRow[] };
      bundles.set(bundle.code, { ...bundle, members: bundle.members.map(toProduct) });
    }
  }
  return { product: (code) => products.get(code), bundle: (code) => bundles.get(code) };
}
