/**
 * Sends pre-signed requests with a fixed number in flight; how many were not answered 200. The caller
 * times the run, since what ends a round (for Tessera, its key write-backs) is more than the answers.
 */
export async function drive(
  url: string,
  requests: { body: string; headers: Record<string, string> }[],
  concurrency: number,
): Promise<{ failures: number }> {
  let next = 0;
  let failures = 0;
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
  return { failures };
}
