import { doublingDelayMs } from "../jobs/backoff";

// When a failed attempt is tried again: exponential backoff from `baseMs`, capped, with ±20 % jitter so the
// deliveries that failed together (an endpoint that was down) do not all come back at the same moment.

export interface RetrySchedule {
  baseMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/** The wait after attempt number `attempt` (1 for the first) failed. */
export function retryDelayMs(schedule: RetrySchedule, attempt: number, random: () => number = Math.random): number {
  const exact = doublingDelayMs(schedule.baseMs, schedule.maxDelayMs, attempt);
  return Math.round(exact * (0.8 + 0.4 * random()));
}

/** Whether attempt number `attempt` was the last one. */
export const wasLastAttempt = (schedule: RetrySchedule, attempt: number) => attempt >= schedule.maxAttempts;
