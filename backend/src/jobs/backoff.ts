/** Exponential backoff: `baseMs` after the first failed attempt, doubling with each further one, at most `maxMs`. */
export const doublingDelayMs = (baseMs: number, maxMs: number, failedAttempts: number): number =>
  Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempts - 1));

/**
 * The queues that retry on their own until a last attempt (key write-backs, license mails): 5 s, 10 s,
 * 20 s … up to an hour between attempts.
 */
export const queueRetryDelayMs = (failedAttempts: number): number => doublingDelayMs(5_000, 3_600_000, failedAttempts);
