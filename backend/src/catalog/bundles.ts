import { ConflictError, NotFoundError } from "../errors";
import { claimCode, recordChange, type CatalogWrite } from "./catalog-write";
import { patched, sameValue } from "./patch";
import { bundleSnapshot, toBundleRecord, type BundleRecord } from "./records";
import type { BundleShape } from "./rules/shapes";
import { throwIfInvalid } from "./rules/issue";
import { bundleIssues } from "./rules/bundle-rules";

export type BundleInput = BundleShape;
/** The code is the bundle's short_code in price metadata, so it never changes. */
export type BundlePatch = Partial<Omit<BundleShape, "code">>;

const withMembers = { members: { include: { product: { select: { shortCode: true } } } } } as const;

/** Member short codes → product ids; a code the account has no product for is refused like a bad value. */
async function memberIds(w: CatalogWrite, members: string[]): Promise<string[]> {
  const products = await w.tx.product.findMany({ where: { accountId: w.accountId, shortCode: { in: members } }, select: { id: true, shortCode: true } });
  const ids = new Map(products.map((p) => [p.shortCode, p.id]));
  throwIfInvalid(
    "Bundle members must be products",
    members.flatMap((code, i) => (ids.has(code) ? [] : [{ path: ["members", i], message: `${JSON.stringify(code)} is not a product short code` }])),
  );
  return members.map((code) => ids.get(code)!);
}

/** Locks the bundle row: UPDATE for a delete keeps webhook transactions from adding licenses of it meanwhile. */
async function lockBundle(w: CatalogWrite, code: string, mode: "edit" | "delete") {
  const locked =
    mode === "edit"
      ? await w.tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Bundle" WHERE "accountId" = ${w.accountId} AND code = ${code} FOR NO KEY UPDATE`
      : await w.tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Bundle" WHERE "accountId" = ${w.accountId} AND code = ${code} FOR UPDATE`;
  const id = locked[0]?.id;
  if (!id) throw new NotFoundError(`No bundle with code "${code}"`);
  return toBundleRecord(await w.tx.bundle.findUniqueOrThrow({ where: { id }, include: withMembers }));
}

const sortedShape = (b: BundleShape): BundleShape => ({ ...bundleSnapshot(b), members: [...b.members].sort() });

export async function createBundle(w: CatalogWrite, input: BundleInput): Promise<BundleRecord> {
  const shape = sortedShape(input);
  throwIfInvalid(`Bundle "${shape.code}" is invalid`, bundleIssues(input));
  await claimCode(w, shape.code);
  const ids = await memberIds(w, shape.members);
  const row = await w.tx.bundle.create({
    data: { accountId: w.accountId, code: shape.code, name: shape.name, members: { create: ids.map((productId) => ({ productId })) } },
    include: withMembers,
  });
  const bundle = toBundleRecord(row);
  await recordChange(w, { entity: "bundle", entityId: bundle.id, action: "create", before: null, after: bundleSnapshot(bundle) });
  return bundle;
}

/** Licenses already sold from the bundle keep their spec; a new member set applies to later sales. */
export async function updateBundle(w: CatalogWrite, code: string, patch: BundlePatch): Promise<BundleRecord> {
  const before = await lockBundle(w, code, "edit");
  const next = patched(bundleSnapshot(before), patch);
  throwIfInvalid(`Bundle "${code}" is invalid`, bundleIssues(next));
  if (sameValue(bundleSnapshot(before), sortedShape(next))) return before;
  const ids = await memberIds(w, next.members);
  await w.tx.bundleMember.deleteMany({ where: { bundleId: before.id } });
  const row = await w.tx.bundle.update({
    where: { id: before.id },
    data: { name: next.name, members: { create: ids.map((productId) => ({ productId })) } },
    include: withMembers,
  });
  const bundle = toBundleRecord(row);
  await recordChange(w, { entity: "bundle", entityId: bundle.id, action: "update", before: bundleSnapshot(before), after: bundleSnapshot(bundle) });
  return bundle;
}

/** Only a bundle no license was sold from. */
export async function deleteBundle(w: CatalogWrite, code: string): Promise<void> {
  const bundle = await lockBundle(w, code, "delete");
  const licenses = await w.tx.license.count({ where: { accountId: w.accountId, bundleId: bundle.id } });
  if (licenses > 0) throw new ConflictError(`Bundle "${code}" has ${licenses} license(s); a bundle with licenses cannot be deleted`);
  await w.tx.bundle.delete({ where: { id: bundle.id } });
  await recordChange(w, { entity: "bundle", entityId: bundle.id, action: "delete", before: bundleSnapshot(bundle), after: null });
}
