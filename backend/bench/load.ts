/** Sends pre-signed requests with a fixed number in flight; returns the sustained rate over the whole run. */
export async function drive(
  url: string,
  requests: { body: string; headers: Record<string, string> }[],
  concurrency: number,
): Promise<{ perSecond: number; failures: number; seconds: number }> {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const res = await fetch(url, { method: "POST", headers: r.headers, body: r.body });
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: requests.length / seconds, failures, seconds };
}
