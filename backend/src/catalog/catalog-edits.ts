import type { Bundle, BundleCreate, BundleUpdate, Catalog, Policy, PolicyCreate, PolicyUpdate, ProductCreate, ProductUpdate, ProductWithPolicies } from "@tessera/shared";
import type { Db } from "../db/client";
import { createBundle, updateBundle } from "./bundles";
import { bundleDto, policyDto, productWithPoliciesDto } from "./catalog-dto";
import { withCatalogWrite, type CatalogCause } from "./catalog-write";
import { createPolicy, updatePolicy } from "./policies";
import { createProduct, updateProduct } from "./products";
import { getProduct, readCatalog } from "./read-catalog";

// Catalog edits as the APIs make them (admin API, dashboard): each one transaction recorded with its cause,
// answered with the shared DTO.

export async function catalogOf(db: Db, accountId: string): Promise<Catalog> {
  const { products, bundles } = await readCatalog(db, accountId);
  return { products: products.map(productWithPoliciesDto), bundles: bundles.map(bundleDto) };
}

export async function addProduct(db: Db, accountId: string, cause: CatalogCause, input: ProductCreate): Promise<ProductWithPolicies> {
  const product = await withCatalogWrite(db, accountId, cause, (w) => createProduct(w, input));
  return productWithPoliciesDto({ ...product, policies: [] });
}

export async function changeProduct(db: Db, accountId: string, cause: CatalogCause, shortCode: string, patch: ProductUpdate): Promise<ProductWithPolicies> {
  const product = await withCatalogWrite(db, accountId, cause, async (w) => {
    await updateProduct(w, shortCode, patch);
    return getProduct(w.tx, accountId, shortCode);
  });
  return productWithPoliciesDto(product);
}

export async function addPolicy(db: Db, accountId: string, cause: CatalogCause, shortCode: string, input: PolicyCreate): Promise<Policy> {
  return policyDto(await withCatalogWrite(db, accountId, cause, (w) => createPolicy(w, shortCode, input)));
}

export async function changePolicy(db: Db, accountId: string, cause: CatalogCause, shortCode: string, code: string, patch: PolicyUpdate): Promise<Policy> {
  return policyDto(await withCatalogWrite(db, accountId, cause, (w) => updatePolicy(w, shortCode, code, patch)));
}

export async function addBundle(db: Db, accountId: string, cause: CatalogCause, input: BundleCreate): Promise<Bundle> {
  return bundleDto(await withCatalogWrite(db, accountId, cause, (w) => createBundle(w, input)));
}

export async function changeBundle(db: Db, accountId: string, cause: CatalogCause, code: string, patch: BundleUpdate): Promise<Bundle> {
  return bundleDto(await withCatalogWrite(db, accountId, cause, (w) => updateBundle(w, code, patch)));
}
