import { doublingDelayMs, queueRetryDelayMs } from "./backoff";

test("the wait doubles from the base after each failed attempt and stops at the cap", () => {
  expect([1, 2, 3, 4].map((n) => doublingDelayMs(100, 500, n))).toEqual([100, 200, 400, 500]);
});

test("the self-retrying queues wait 5 s after the first failure, then 10 s, 20 s, at most an hour", () => {
  expect([1, 2, 3].map(queueRetryDelayMs)).toEqual([5_000, 10_000, 20_000]);
  expect(queueRetryDelayMs(30)).toBe(3_600_000);
});
