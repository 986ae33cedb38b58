import { sqlOf, type Db } from "../db/client";
import { parkedWritebacks, unparkWritebacks } from "../db/writeback-store";
import { NotFoundError } from "../errors";

// Key write-backs that Stripe refused for good, or that failed too often: listed for a person, and sent
// again once the cause is fixed (the object restored, the app reinstalled).

export function listParkedWritebacks(db: Db, accountId: string) {
  return parkedWritebacks(sqlOf(db), accountId);
}

/** Makes one parked write-back due again (or every one of the account); the worker sends it on its next run. */
export async function retryParkedWritebacks(db: Db, accountId: string, id?: string): Promise<number> {
  const retried = await unparkWritebacks(sqlOf(db), accountId, id);
  if (id && retried === 0) throw new NotFoundError(`No parked write-back ${id}`);
  return retried;
}
