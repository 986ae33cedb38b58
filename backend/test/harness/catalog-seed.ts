import type { Db } from "../../src/db/client";
import type { Prisma } from "../../src/generated/prisma/client";

export interface SeedProduct {
  shortCode: string;
  name?: string;
  authorizationMethod?: "LICENSE_KEY" | "USER";
  features?: { code: string; name: string }[];
  customFields?: { name: string; defaultValue: string }[];
  policies?: (Omit<Prisma.PolicyCreateWithoutProductInput, "account" | "name"> & { name?: string })[];
}

/** Writes catalog rows directly, for tests of the webhook engine that need a catalog to resolve against. */
export async function seedCatalog(db: Db, accountId: string, seed: { products?: SeedProduct[]; bundles?: { code: string; name?: string; members: string[] }[] }) {
  for (const p of seed.products ?? []) {
    await db.product.create({
      data: {
        accountId,
        shortCode: p.shortCode,
        name: p.name ?? p.shortCode,
        authorizationMethod: p.authorizationMethod ?? "LICENSE_KEY",
        features: p.features ?? [],
        customFields: p.customFields ?? [],
        policies: { create: (p.policies ?? []).map((pol) => ({ ...pol, name: pol.name ?? pol.code, accountId })) },
      },
    });
  }
  for (const b of seed.bundles ?? []) {
    const members = await db.product.findMany({ where: { accountId, shortCode: { in: b.members } } });
    await db.bundle.create({
      data: { accountId, code: b.code, name: b.name ?? b.code, members: { create: members.map((m) => ({ productId: m.id })) } },
    });
  }
  // Direct writes skip the catalog service, so they bump the version that cached catalogs are keyed by.
  await db.account.update({ where: { id: accountId }, data: { catalogVersion: { increment: 1 } } });
}
