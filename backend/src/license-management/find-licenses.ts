import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import type { Prisma } from "../generated/prisma/client";

const licenseDetailInclude = {
  product: { select: { shortCode: true, name: true } },
  policy: { select: { code: true } },
  bundle: { select: { code: true } },
  customer: { select: { stripeCustomerId: true, email: true, entitlementFeatures: true } },
  users: { orderBy: { createdAt: "asc" } },
  history: { orderBy: { createdAt: "asc" } },
  activations: { where: { deactivatedAt: null }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.LicenseInclude;

export type LicenseDetailRow = Prisma.LicenseGetPayload<{ include: typeof licenseDetailInclude }>;

/** A license with its machines, users and whole history, oldest first. */
export async function getLicense(db: Pick<Db, "license">, accountId: string, id: string): Promise<LicenseDetailRow> {
  const license = await db.license.findFirst({ where: { id, accountId }, include: licenseDetailInclude });
  if (!license) throw new NotFoundError(`No license ${id}`);
  return license;
}
