import type { Db } from "../db/client";
import type { Cause } from "../licensing/cause";
import { setLicenseStatusByHand } from "../licensing/license-service";
import { getLicense } from "./find-licenses";

/** A person enables or disables a license (a manual disable sticks); answers the license as it is after. */
export function changeStatusByHand(db: Db, accountId: string, licenseId: string, enable: boolean, reason: string, cause: Cause) {
  return db.$transaction(async (tx) => {
    await setLicenseStatusByHand(tx, accountId, licenseId, enable, reason, cause);
    return getLicense(tx, accountId, licenseId);
  });
}
