import type { Db, Tx } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import type { Cause } from "../licensing/cause";
import type { ResolvedSpec } from "../licensing/resolved-spec";

// Users assigned to licenses of user-authorized products. Emails are compared without regard to case.

const normalise = (email: string) => email.trim().toLowerCase();

/** Locks the license, so concurrent additions count each other against the limit. */
async function lockLicense(tx: Tx, accountId: string, licenseId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "License" WHERE id = ${licenseId} AND "accountId" = ${accountId} FOR NO KEY UPDATE`;
  if (locked.length === 0) throw new NotFoundError(`No license ${licenseId}`);
  return tx.license.findUniqueOrThrow({ where: { id: licenseId }, include: { users: true } });
}

export async function listLicenseUsers(db: Db, accountId: string, licenseId: string) {
  const license = await db.license.findFirst({ where: { id: licenseId, accountId }, select: { users: { orderBy: { createdAt: "asc" } } } });
  if (!license) throw new NotFoundError(`No license ${licenseId}`);
  return license.users;
}

/** Refused for a license-key license, for an email already assigned, and beyond the license's max users. */
export function addLicenseUser(db: Db, accountId: string, licenseId: string, input: { email: string; isManager: boolean }, cause: Cause) {
  return db.$transaction(async (tx) => {
    const license = await lockLicense(tx, accountId, licenseId);
    const spec = license.spec as unknown as Pick<ResolvedSpec, "authorizationMethod" | "productCode">;
    if (spec.authorizationMethod !== "user") {
      throw new ConflictError(`License ${licenseId} (${spec.productCode}) uses license keys; users are assigned only to licenses of user-authorized products`);
    }
    const email = normalise(input.email);
    if (license.users.some((u) => normalise(u.email) === email)) throw new ConflictError(`${email} is already a user of license ${licenseId}`);
    if (license.maxLicenseUsers !== null && license.users.length >= license.maxLicenseUsers) {
      throw new ConflictError(`License ${licenseId} has ${license.users.length} of ${license.maxLicenseUsers} users; remove one before adding another`);
    }
    const user = await tx.licenseUser.create({ data: { accountId, licenseId, email, isManager: input.isManager } });
    await tx.licenseEvent.create({
      data: {
        accountId,
        licenseId,
        type: "USER_ADDED",
        causeType: cause.type,
        causeId: cause.id,
        message: `${email} added as a ${input.isManager ? "license manager" : "user"}`,
        details: { email, isManager: input.isManager },
      },
    });
    return user;
  });
}

export function removeLicenseUser(db: Db, accountId: string, licenseId: string, email: string, cause: Cause) {
  return db.$transaction(async (tx) => {
    const license = await lockLicense(tx, accountId, licenseId);
    const user = license.users.find((u) => normalise(u.email) === normalise(email));
    if (!user) throw new NotFoundError(`${email} is not a user of license ${licenseId}`);
    await tx.licenseUser.delete({ where: { id: user.id } });
    await tx.licenseEvent.create({
      data: { accountId, licenseId, type: "USER_REMOVED", causeType: cause.type, causeId: cause.id, message: `${user.email} removed`, details: { email: user.email } },
    });
  });
}
