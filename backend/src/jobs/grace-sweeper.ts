import { poolOf, type Db } from "../db/client";
import { applyLicenseChanges, lockEndedGrace } from "../db/licenses/license-store";
import { sqlTransaction } from "../db/sql";
import { graceEndedChanges } from "../licensing/rules/grace-ended";
import type { Logger } from "../logger";

// Enough for one transaction to stay short; a longer backlog takes a few rounds of one sweep.
const BATCH = 500;

/**
 * Disables licenses whose unpaid grace ended by `now`, each with its history line. Safe on every instance
 * at once: a sweep locks the licenses it disables and skips those another sweep (or an event) holds.
 */
export async function disableExpiredGrace(db: Db, now: Date = new Date()): Promise<number> {
  let disabled = 0;
  for (;;) {
    const done = await sqlTransaction(poolOf(db), async (tx) => {
      const ended = await lockEndedGrace(tx, now, BATCH);
      for (const accountId of new Set(ended.map((l) => l.accountId))) {
        const licenses = ended.filter((l) => l.accountId === accountId);
        await applyLicenseChanges(tx, { accountId, customer: null, cause: { type: "SYSTEM", id: null } }, graceEndedChanges(licenses, now));
      }
      return ended.length;
    });
    disabled += done;
    if (done < BATCH) return disabled;
  }
}

export class GraceSweeper {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      disableExpiredGrace(this.db)
        .then((n) => n > 0 && this.logger.info({ disabled: n }, "licenses disabled after their unpaid grace"))
        .catch((err) => this.logger.warn({ err }, "grace sweep failed; will retry"));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
