import { retryDelayMs, wasLastAttempt } from "./retry-schedule";

const schedule = { baseMs: 1000, maxDelayMs: 10_000, maxAttempts: 5 };

test("the wait doubles after each failed attempt, up to the cap, within ±20 %", () => {
  expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(schedule, n, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  expect(retryDelayMs(schedule, 2, () => 0)).toBe(1600);
  expect(retryDelayMs(schedule, 2, () => 1)).toBe(2400);
});

test("the attempt numbered maxAttempts is the last", () => {
  expect(wasLastAttempt(schedule, 4)).toBe(false);
  expect(wasLastAttempt(schedule, 5)).toBe(true);
});
