import type { Db, Tx } from "../db/client";
import { insertLicenseUser, deleteLicenseUser, lockLicense, recordHistory } from "../db/licenses/license-store";
import { ConflictError, NotFoundError } from "../errors";
import type { Cause } from "../licensing/cause";
import { userAdded, userRemoved } from "../licensing/history";
import type { ResolvedSpec } from "../licensing/resolved-spec";

// Users assigned to licenses of user-authorized products. Emails are compared without regard to case.

const normalise = (email: string) => email.trim().toLowerCase();

/** Locks the license, so concurrent additions count each other against the limit. */
async function lockedWithUsers(tx: Tx, accountId: string, licenseId: string) {
  if (!(await lockLicense(tx, accountId, licenseId, "no key update"))) throw new NotFoundError(`No license ${licenseId}`);
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
    const license = await lockedWithUsers(tx, accountId, licenseId);
    const spec = license.spec as unknown as Pick<ResolvedSpec, "authorizationMethod" | "productCode">;
    if (spec.authorizationMethod !== "user") {
      throw new ConflictError(`License ${licenseId} (${spec.productCode}) uses license keys; users are assigned only to licenses of user-authorized products`);
    }
    const email = normalise(input.email);
    if (license.users.some((u) => normalise(u.email) === email)) throw new ConflictError(`${email} is already a user of license ${licenseId}`);
    if (license.maxLicenseUsers !== null && license.users.length >= license.maxLicenseUsers) {
      throw new ConflictError(`License ${licenseId} has ${license.users.length} of ${license.maxLicenseUsers} users; remove one before adding another`);
    }
    const user = await insertLicenseUser(tx, accountId, licenseId, email, input.isManager);
    await recordHistory(tx, { accountId, customer: null, cause }, licenseId, userAdded(email, input.isManager));
    return user;
  });
}

export function removeLicenseUser(db: Db, accountId: string, licenseId: string, email: string, cause: Cause) {
  return db.$transaction(async (tx) => {
    const license = await lockedWithUsers(tx, accountId, licenseId);
    const user = license.users.find((u) => normalise(u.email) === normalise(email));
    if (!user) throw new NotFoundError(`${email} is not a user of license ${licenseId}`);
    await deleteLicenseUser(tx, accountId, user.id);
    await recordHistory(tx, { accountId, customer: null, cause }, licenseId, userRemoved(user.email));
  });
}
