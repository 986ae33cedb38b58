import { poolOf, type Db } from "../db/client";
import { applyLicenseChanges, lockLicense } from "../db/licenses/license-store";
import { sqlTransaction } from "../db/sql";
import { NotFoundError } from "../errors";
import type { Cause } from "../licensing/cause";
import { manualStatusChange } from "../licensing/rules/manual-status";
import { getLicense } from "./find-licenses";

/** A person enables or disables a license (a manual disable sticks); answers the license as it is after. */
export async function changeStatusByHand(db: Db, accountId: string, licenseId: string, enable: boolean, reason: string | undefined, cause: Cause) {
  await sqlTransaction(poolOf(db), async (tx) => {
    if (!(await lockLicense(tx, accountId, licenseId))) throw new NotFoundError(`No license ${licenseId}`);
    await applyLicenseChanges(tx, { accountId, customer: null, cause }, [manualStatusChange(licenseId, enable, reason)]);
  });
  return getLicense(db, accountId, licenseId);
}
