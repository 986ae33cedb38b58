import type { Db } from "../db/client";
import { sqlOf } from "../db/client";
import type { Logger } from "../logger";

/**
 * Disables licenses whose unpaid grace (`unpaid_active_license_period`) ran out. Events cannot do it:
 * Stripe may send nothing when the grace ends. Safe on every instance at once: each license is disabled
 * by exactly one UPDATE, and its history line is written with it.
 */
export async function disableExpiredGrace(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await sqlOf(db).$queryRaw<{ licenseId: string }[]>`
    WITH ended AS (
      UPDATE "License" SET status = 'DISABLED', "disabledReason" = 'unpaid grace ended', "updatedAt" = now()
      WHERE status = 'ACTIVE' AND "graceUntil" IS NOT NULL AND "graceUntil" <= ${now}
      RETURNING id, "accountId", "graceUntil"
    )
    INSERT INTO "LicenseEvent" (id, "accountId", "licenseId", type, "causeType", message, details)
    SELECT gen_random_uuid()::text, "accountId", id, 'DISABLED', 'SYSTEM',
           'Disabled: the subscription is still unpaid and its grace ended ' || to_char("graceUntil" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           jsonb_build_object('reason', 'unpaid grace ended')
    FROM ended
    RETURNING "licenseId"`;
  return rows.length;
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
