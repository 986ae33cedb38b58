import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { Product } from "../generated/prisma/client";
import { lockProduct, recordChange, type CatalogWrite } from "./catalog-write";
import { patched, sameValue } from "./patch";
import { policySnapshot, policyTermsToDb, toPolicyRecord, toProductRecord, type PolicyRecord } from "./records";
import type { PolicyShape, PolicyTerms } from "./rules/shapes";
import { throwIfInvalid } from "./rules/issue";
import { policyIssues } from "./rules/policy-rules";

/** Terms left out are not set by the policy. Without `isDefault`, a product's first policy becomes its default. */
export type PolicyInput = Pick<PolicyShape, "code" | "name"> & Partial<Omit<PolicyTerms, "name">> & { isDefault?: boolean };
/**
 * The code is how price metadata (license_policy) names the policy, so it never changes. A default is
 * replaced by making another policy the default, never unset on its own.
 */
export type PolicyPatch = Partial<PolicyTerms> & { isDefault?: true };

// Every policy write locks its product row first: concurrent default switches then run one after the
// other, and each sees the default the previous one left.

async function findPolicy(w: CatalogWrite, product: Product, code: string) {
  const row = await w.tx.policy.findUnique({ where: { productId_code: { productId: product.id, code } } });
  if (!row) throw new NotFoundError(`Product "${product.shortCode}" has no policy "${code}"`);
  return row;
}

/** Makes the product's current default an ordinary policy, so that `exceptId` can become the default. */
async function unsetDefault(w: CatalogWrite, product: Product, exceptId: string | null) {
  const defaults = await w.tx.policy.findMany({ where: { productId: product.id, isDefault: true, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  for (const row of defaults) {
    const before = toPolicyRecord(row, product.shortCode);
    const after = toPolicyRecord(await w.tx.policy.update({ where: { id: row.id }, data: { isDefault: false } }), product.shortCode);
    await recordChange(w, { entity: "policy", entityId: row.id, action: "update", before: policySnapshot(before), after: policySnapshot(after) });
  }
}

/** A new policy applies to licenses made from now on; nothing already sold changes. */
export async function createPolicy(w: CatalogWrite, productShortCode: string, input: PolicyInput): Promise<PolicyRecord> {
  const product = await lockProduct(w, productShortCode);
  const siblings = await w.tx.policy.findMany({ where: { productId: product.id }, select: { code: true } });
  if (siblings.some((s) => s.code === input.code)) {
    throw new ConflictError(`Product "${productShortCode}" already has a policy "${input.code}"`);
  }
  if (siblings.length === 0 && input.isDefault === false) {
    throw new ValidationError(`isDefault: the first policy of product "${productShortCode}" is its default`, [
      { path: "isDefault", message: "must be true (or left out) for a product's first policy" },
    ]);
  }
  const shape: PolicyShape = {
    code: input.code,
    name: input.name,
    isDefault: input.isDefault ?? siblings.length === 0,
    licenseType: input.licenseType ?? null,
    validDuration: input.validDuration ?? null,
    maxActivations: input.maxActivations ?? null,
    floatingCloud: input.floatingCloud ?? null,
    enableMaintenance: input.enableMaintenance ?? null,
    maintenanceDuration: input.maintenanceDuration ?? null,
    maxLicenseUsers: input.maxLicenseUsers ?? null,
    isLicenseManager: input.isLicenseManager ?? null,
    assignCustomerAsUser: input.assignCustomerAsUser ?? null,
    unpaidActiveLicensePeriod: input.unpaidActiveLicensePeriod ?? null,
    addedDays: input.addedDays ?? null,
    maxConsumptions: input.maxConsumptions ?? null,
    features: input.features ?? [],
    customFields: input.customFields ?? {},
  };
  throwIfInvalid(`Policy "${input.code}" is invalid`, policyIssues(shape, toProductRecord(product)));
  if (shape.isDefault) await unsetDefault(w, product, null);
  const { code, isDefault, ...terms } = shape;
  const row = await w.tx.policy.create({ data: { accountId: w.accountId, productId: product.id, code, isDefault, ...policyTermsToDb(terms) } });
  const policy = toPolicyRecord(row, productShortCode);
  await recordChange(w, { entity: "policy", entityId: policy.id, action: "create", before: null, after: policySnapshot(policy) });
  return policy;
}

/**
 * Changes a template, never a license: licenses keep the spec they were made with, and only licenses
 * made afterwards follow the new terms. The change is kept in CatalogChange.
 */
export async function updatePolicy(w: CatalogWrite, productShortCode: string, code: string, patch: PolicyPatch): Promise<PolicyRecord> {
  const product = await lockProduct(w, productShortCode);
  const before = toPolicyRecord(await findPolicy(w, product, code), productShortCode);
  const next = patched<PolicyShape>(policySnapshot(before), patch);
  throwIfInvalid(`Policy "${code}" is invalid`, policyIssues(next, toProductRecord(product)));
  if (sameValue(policySnapshot(before), next)) return before;
  if (next.isDefault && !before.isDefault) await unsetDefault(w, product, before.id);
  const { code: _code, isDefault, ...terms } = next;
  const row = await w.tx.policy.update({ where: { id: before.id }, data: { isDefault, ...policyTermsToDb(terms) } });
  const policy = toPolicyRecord(row, productShortCode);
  await recordChange(w, { entity: "policy", entityId: policy.id, action: "update", before: policySnapshot(before), after: policySnapshot(policy) });
  return policy;
}

/**
 * Only a policy no license was made from, and the default only as the last policy of its product (a
 * product with policies always has a default).
 */
export async function deletePolicy(w: CatalogWrite, productShortCode: string, code: string): Promise<void> {
  const product = await lockProduct(w, productShortCode);
  const found = await findPolicy(w, product, code);
  // UPDATE waits for webhook transactions inserting licenses of this policy, and keeps new ones out.
  await w.tx.$queryRaw`SELECT id FROM "Policy" WHERE id = ${found.id} FOR UPDATE`;
  const [licenses, siblings] = await Promise.all([
    w.tx.license.count({ where: { accountId: w.accountId, policyId: found.id } }),
    w.tx.policy.count({ where: { productId: product.id, id: { not: found.id } } }),
  ]);
  if (licenses > 0) throw new ConflictError(`Policy "${code}" has ${licenses} license(s); a policy with licenses cannot be deleted`);
  if (found.isDefault && siblings > 0) {
    throw new ConflictError(`Policy "${code}" is the default of product "${productShortCode}"; make another policy the default first`);
  }
  await w.tx.policy.delete({ where: { id: found.id } });
  await recordChange(w, { entity: "policy", entityId: found.id, action: "delete", before: policySnapshot(toPolicyRecord(found, productShortCode)), after: null });
}
