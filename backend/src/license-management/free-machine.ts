import { releaseSlot } from "../db/activation-store";
import { poolOf, type Db } from "../db/client";
import { lockLicense, recordHistory } from "../db/licenses/license-store";
import { sqlTransaction } from "../db/sql";
import { NotFoundError } from "../errors";
import type { Cause } from "../licensing/cause";
import { machineDeactivated } from "../licensing/history";
import { getLicense } from "./find-licenses";

/**
 * The vendor frees a machine of a license (a customer's lost laptop): its slot is free for another, and
 * the history says who did it. Answers the license as it is after.
 */
export async function freeMachine(db: Db, accountId: string, licenseId: string, activationId: string, cause: Cause) {
  await sqlTransaction(poolOf(db), async (tx) => {
    if (!(await lockLicense(tx, accountId, licenseId))) throw new NotFoundError(`No license ${licenseId}`);
    const released = await releaseSlot(tx, accountId, licenseId, activationId, new Date());
    if (!released) throw new NotFoundError(`No activated machine ${activationId} on license ${licenseId}`);
    await recordHistory(tx, { accountId, customer: null, cause }, licenseId, machineDeactivated(released.fingerprint, released.id));
  });
  return getLicense(db, accountId, licenseId);
}
