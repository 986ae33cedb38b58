import { Pool } from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { countRequests } from "../../src/db/rate-limit-store";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase("rate_limit_store");
  pool = new Pool({ connectionString: database.url, max: 8 });
});

afterAll(async () => {
  await pool.end();
  await database.drop();
});

const WINDOW = 60_000;
const T0 = 1_800_000_000_000;

/** The library's own limiter on the same table, as the License API configures it for unknown keys. */
const libraryLimiter = (keyPrefix: string, points: number) =>
  new RateLimiterPostgres({ storeClient: pool, storeType: "pool", tableName: "LicenseApiRateLimit", tableCreated: true, keyPrefix, points, duration: 60, clearExpiredByTimeout: false });

test("each call counts one request per counted key; the window is set by its first request", async () => {
  const first = await countRequests(pool, ["lic_addr:a1", "lic_key:K1"], WINDOW, "lic_unknown:a1", T0);
  const second = await countRequests(pool, ["lic_addr:a1", "lic_key:K1"], WINDOW, "lic_unknown:a1", T0 + 1000);
  expect(first).toEqual([
    { key: "lic_addr:a1", points: 1, expire: T0 + WINDOW },
    { key: "lic_key:K1", points: 1, expire: T0 + WINDOW },
  ]);
  expect(second).toEqual([
    { key: "lic_addr:a1", points: 2, expire: T0 + WINDOW },
    { key: "lic_key:K1", points: 2, expire: T0 + WINDOW },
  ]);
});

test("a window that has ended starts again at one", async () => {
  await countRequests(pool, ["lic_key:K2"], WINDOW, "lic_unknown:none", T0);
  await countRequests(pool, ["lic_key:K2"], WINDOW, "lic_unknown:none", T0 + 10);
  const later = T0 + WINDOW + 5;
  expect(await countRequests(pool, ["lic_key:K2"], WINDOW, "lic_unknown:none", later)).toEqual([{ key: "lic_key:K2", points: 1, expire: later + WINDOW }]);
});

test("the rows are the library's: it reads what was counted here, and a count of its own is read back here", async () => {
  const now = Date.now();
  await countRequests(pool, ["lic_key:K3"], WINDOW, "lic_unknown:a3", now);
  await countRequests(pool, ["lic_key:K3"], WINDOW, "lic_unknown:a3", now);
  expect((await libraryLimiter("lic_key", 10).get("K3"))?.consumedPoints).toBe(2);

  await libraryLimiter("lic_unknown", 3).consume("a3");
  const rows = await countRequests(pool, ["lic_addr:a3"], WINDOW, "lic_unknown:a3", Date.now());
  expect(rows.find((r) => r.key === "lic_unknown:a3")?.points).toBe(1);
});

test("a watched counter whose window has ended is not read", async () => {
  await countRequests(pool, ["lic_unknown:a4"], WINDOW, "lic_unknown:nobody", T0);
  const rows = await countRequests(pool, ["lic_addr:a4"], WINDOW, "lic_unknown:a4", T0 + WINDOW + 1);
  expect(rows.map((r) => r.key)).toEqual(["lic_addr:a4"]);
});

test("60 requests at once from one address for three keys: every one counted, none waits on another in a cycle", async () => {
  const now = Date.now();
  const keys = ["K5a", "K5b", "K5c"];
  await Promise.all(Array.from({ length: 60 }, (_, i) => countRequests(pool, ["lic_addr:a5", `lic_key:${keys[i % 3]}`], WINDOW, "lic_unknown:a5", now)));
  const { rows } = await pool.query<{ key: string; points: number }>(`SELECT key, points FROM "LicenseApiRateLimit" WHERE key LIKE '%5%' ORDER BY key`);
  expect(rows).toEqual([
    { key: "lic_addr:a5", points: 60 },
    { key: "lic_key:K5a", points: 20 },
    { key: "lic_key:K5b", points: 20 },
    { key: "lic_key:K5c", points: 20 },
  ]);
});
