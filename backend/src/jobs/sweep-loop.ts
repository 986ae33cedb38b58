/**
 * The rhythm every queue worker shares: a sweep on a timer, and one on demand. A call during a sweep asks
 * for one more after it, so work queued meanwhile waits for no timer, and a burst costs a few sweeps, not
 * one each. A sweep that stops with more work due (a full batch) goes again at once. A sweep never
 * rejects: one that fails (the database is gone) is reported, and the next tick tries again.
 */
export class SweepLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  /** `sweep` answers whether it left work due (it took a full batch). */
  constructor(
    private readonly sweep: () => Promise<boolean>,
    private readonly onFailure: (message: string) => void,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for the sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        if (await this.sweep()) this.again = true;
      } while (this.again);
    })()
      .catch((err: unknown) => {
        this.onFailure(err instanceof Error ? err.message : String(err));
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
