import type { Sql } from "../db/sql";
import { CatalogCache } from "./catalog-cache";

/** A database stand-in that answers catalog queries from a list and counts them. */
function fakeDb(products: string[]) {
  let queries = 0;
  const sql: Sql = {
    $queryRaw: async <T>(): Promise<T> => {
      queries++;
      return products.map((code) => ({
        kind: "product",
        doc: { id: `id_${code}`, shortCode: code, name: code, authorizationMethod: "LICENSE_KEY", features: [], customFields: [], policies: [] },
      })) as T;
    },
    $executeRaw: async () => 0,
  };
  return { sql, queries: () => queries };
}

test("codes are read once per catalog version, unknown ones included", async () => {
  const cache = new CatalogCache();
  const db = fakeDb(["APP"]);
  const account = { id: "acc", catalogVersion: 1 };
  const first = await cache.view(db.sql, account, ["APP", "NOPE"]);
  expect(first.product("APP")?.id).toBe("id_APP");
  expect(first.product("NOPE")).toBeUndefined();
  await cache.view(db.sql, account, ["APP", "NOPE"]);
  expect(db.queries()).toBe(1);
});

test("a new catalog version reads again", async () => {
  const cache = new CatalogCache();
  const before = fakeDb([]);
  await cache.view(before.sql, { id: "acc", catalogVersion: 1 }, ["APP"]);
  const after = fakeDb(["APP"]);
  const view = await cache.view(after.sql, { id: "acc", catalogVersion: 2 }, ["APP"]);
  expect(view.product("APP")?.id).toBe("id_APP");
  expect(after.queries()).toBe(1);
});

test("an event routed with an older version than the cached one reads the database, not the newer cache", async () => {
  const cache = new CatalogCache();
  await cache.view(fakeDb(["APP"]).sql, { id: "acc", catalogVersion: 5 }, ["APP"]);
  const older = fakeDb([]);
  const view = await cache.view(older.sql, { id: "acc", catalogVersion: 4 }, ["APP"]);
  expect(view.product("APP")).toBeUndefined();
  expect(older.queries()).toBe(1);
});
