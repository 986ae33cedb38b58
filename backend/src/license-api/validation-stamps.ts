import type { Db } from "../db/client";
import { sqlOf } from "../db/client";
import { stampLastValidated } from "../db/licenses/license-store";
import type { Logger } from "../logger";

/**
 * Last-validated stamps, kept in memory and written in one statement every few seconds (and on shutdown):
 * validation answers without writing, however many calls arrive.
 */
export class ValidationStamps {
  private pending = new Map<string, Date>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  note(licenseId: string, at: Date): void {
    const known = this.pending.get(licenseId);
    if (!known || known < at) this.pending.set(licenseId, at);
  }

  /** Writes what was noted so far; a failed write keeps the stamps for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await stampLastValidated(sqlOf(this.db), [...batch].map(([id, at]) => ({ id, at })));
      } catch (err) {
        for (const [id, at] of batch) this.note(id, at);
        this.logger.warn({ err: { message: (err as Error).message }, licenses: batch.size }, "last-validated stamps not written; retried with the next flush");
      }
    });
    return this.flushing;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
