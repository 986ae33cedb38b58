import type { Pool } from "pg";

/**
 * A License API rate counter as rate-limiter-flexible's PostgreSQL store keeps it: `key` is the limiter's
 * prefix and the counted value (`lic_key:…`), `points` the requests counted in the window, `expire` the
 * window's end in epoch milliseconds (null: never).
 */
export interface RateCounter {
  key: string;
  points: number;
  expire: number | null;
}

/**
 * Counts one request on each of `counted` and reads `watched`, in one statement: the License API asks three
 * counters per request, and three statements cost three round trips and three wake-ups of the server for
 * what is one decision. The rows and rules are the library's (which writes the same table for the
 * unknown-key counter and clears expired rows): a window that has ended starts again at 1. Counted keys
 * are locked in the order given, the same order on every request, so two requests never wait on each other
 * in a cycle.
 */
export async function countRequests(pool: Pool, counted: string[], windowMs: number, watched: string, nowMs: number): Promise<RateCounter[]> {
  const { rows } = await pool.query<{ key: string; points: number; expire: string | null }>({
    name: "tessera_count_license_api_requests",
    text: `WITH counted AS (
        INSERT INTO "LicenseApiRateLimit" AS r (key, points, expire)
        SELECT k, 1, $2::bigint FROM unnest($1::text[]) WITH ORDINALITY AS c(k, n) ORDER BY n
        ON CONFLICT (key) DO UPDATE SET
          points = CASE WHEN r.expire <= $3::bigint THEN 1 ELSE r.points + 1 END,
          expire = CASE WHEN r.expire <= $3::bigint THEN $2::bigint ELSE r.expire END
        RETURNING r.key, r.points, r.expire
      )
      SELECT key, points, expire FROM counted
      UNION ALL
      SELECT key, points, expire FROM "LicenseApiRateLimit" WHERE key = $4 AND (expire > $3::bigint OR expire IS NULL)`,
    values: [counted, nowMs + windowMs, nowMs, watched],
  });
  return rows.map((r) => ({ key: r.key, points: r.points, expire: r.expire === null ? null : Number(r.expire) }));
}
