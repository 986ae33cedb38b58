/** Latencies and rate of GET requests with a fixed number in flight. */
export interface GetRun {
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

export async function driveGets(url: string, headers: () => Record<string, string>, concurrency: number, count: number): Promise<GetRun> {
  let next = 0;
  let failures = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const t = performance.now();
        const res = await fetch(url, { headers: headers() });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (res.status !== 200) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const ms = (n: number) => Math.round(n * 100) / 100;
  return { perSecond: Math.round(count / seconds), p50: ms(percentile(sorted, 50)), p95: ms(percentile(sorted, 95)), p99: ms(percentile(sorted, 99)), failures };
}

/** Latencies and rate of JSON POSTs with a fixed number in flight; `bodyOf(i)` is the i-th request's body. */
export async function drivePosts(url: string, bodyOf: (i: number) => unknown, concurrency: number, count: number): Promise<GetRun> {
  let next = 0;
  let failures = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const body = JSON.stringify(bodyOf(next++));
        const t = performance.now();
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (res.status !== 200) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const ms = (n: number) => Math.round(n * 100) / 100;
  return { perSecond: Math.round(count / seconds), p50: ms(percentile(sorted, 50)), p95: ms(percentile(sorted, 95)), p99: ms(percentile(sorted, 99)), failures };
}
