import { round2 } from "./figure";

/** Latencies and rate of GET requests with a fixed number in flight. */
export interface GetRun {
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** Runs `count` requests with `concurrency` in flight; `send(i)` makes the i-th. */
async function drive(concurrency: number, count: number, send: (i: number) => Promise<Response>): Promise<GetRun> {
  let next = 0;
  let failures = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const res = await send(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (res.status !== 200) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return { perSecond: Math.round(count / seconds), p50: round2(percentile(sorted, 50)), p95: round2(percentile(sorted, 95)), p99: round2(percentile(sorted, 99)), failures };
}

export function driveGets(url: string, headers: () => Record<string, string>, concurrency: number, count: number): Promise<GetRun> {
  return drive(concurrency, count, () => fetch(url, { headers: headers() }));
}

/** Latencies and rate of JSON POSTs with a fixed number in flight; `bodyOf(i)` is the i-th request's body. */
export function drivePosts(url: string, bodyOf: (i: number) => unknown, concurrency: number, count: number): Promise<GetRun> {
  return drive(concurrency, count, (i) => {
    const body = JSON.stringify(bodyOf(i));
    return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  });
}
