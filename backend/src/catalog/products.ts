import { ConflictError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { claimCode, lockProduct, recordChange, type CatalogWrite } from "./catalog-write";
import { patched, sameValue } from "./patch";
import { policySnapshot, productSnapshot, toPolicyRecord, toProductRecord, type ProductRecord } from "./records";
import type { ProductShape } from "./rules/shapes";
import { throwIfInvalid } from "./rules/issue";
import { productIssues } from "./rules/product-rules";

export type ProductInput = Pick<ProductShape, "shortCode" | "name"> & Partial<Omit<ProductShape, "shortCode" | "name">>;
/** The short code is the product's identity in price metadata, so it never changes. */
export type ProductPatch = Partial<Omit<ProductShape, "shortCode">>;

const toDb = (p: ProductShape) => ({
  name: p.name,
  authorizationMethod: p.authorizationMethod,
  features: p.features as unknown as Prisma.InputJsonValue,
  customFields: p.customFields as unknown as Prisma.InputJsonValue,
});

export async function createProduct(w: CatalogWrite, input: ProductInput): Promise<ProductRecord> {
  const shape: ProductShape = {
    shortCode: input.shortCode,
    name: input.name,
    authorizationMethod: input.authorizationMethod ?? "LICENSE_KEY",
    features: input.features ?? [],
    customFields: input.customFields ?? [],
  };
  throwIfInvalid(`Product "${shape.shortCode}" is invalid`, productIssues(shape));
  await claimCode(w, shape.shortCode);
  const product = toProductRecord(await w.tx.product.create({ data: { accountId: w.accountId, shortCode: shape.shortCode, ...toDb(shape) } }));
  await recordChange(w, { entity: "product", entityId: product.id, action: "create", before: null, after: productSnapshot(product) });
  return product;
}

/** Existing licenses keep their stored spec: a product edit shapes only licenses made after it. */
export async function updateProduct(w: CatalogWrite, shortCode: string, patch: ProductPatch): Promise<ProductRecord> {
  const before = toProductRecord(await lockProduct(w, shortCode));
  const next = patched(productSnapshot(before), patch);
  throwIfInvalid(`Product "${shortCode}" is invalid`, productIssues(next));
  if (sameValue(productSnapshot(before), next)) return before;
  const product = toProductRecord(await w.tx.product.update({ where: { id: before.id }, data: toDb(next) }));
  w.changedProducts.add(product.id);
  await recordChange(w, { entity: "product", entityId: product.id, action: "update", before: productSnapshot(before), after: productSnapshot(product) });
  return product;
}

/** Only a product nothing refers to: no license was made from it and no bundle holds it. */
export async function deleteProduct(w: CatalogWrite, shortCode: string): Promise<void> {
  const row = await lockProduct(w, shortCode, "delete");
  const [bundles, licenses] = await Promise.all([
    w.tx.bundleMember.findMany({ where: { productId: row.id }, select: { bundle: { select: { code: true } } } }),
    w.tx.license.count({ where: { accountId: w.accountId, productId: row.id } }),
  ]);
  if (bundles.length > 0) {
    throw new ConflictError(`Product "${shortCode}" is in bundle ${bundles.map((b) => `"${b.bundle.code}"`).join(", ")}; remove it from the bundle first`);
  }
  if (licenses > 0) throw new ConflictError(`Product "${shortCode}" has ${licenses} license(s); a product with licenses cannot be deleted`);
  const policies = await w.tx.policy.findMany({ where: { productId: row.id }, orderBy: { code: "asc" } });
  await w.tx.product.delete({ where: { id: row.id } });
  for (const p of policies) {
    await recordChange(w, { entity: "policy", entityId: p.id, action: "delete", before: policySnapshot(toPolicyRecord(p, shortCode)), after: null });
  }
  await recordChange(w, { entity: "product", entityId: row.id, action: "delete", before: productSnapshot(toProductRecord(row)), after: null });
}
