import type { Pool } from "pg";
import { sqlTransaction, StatementNames, type SqlPool } from "./sql";

test("a text keeps its name; different texts get different names", () => {
  const names = new StatementNames(10);
  const a = names.nameFor("SELECT 1");
  expect(a).toMatch(/^tessera_[0-9a-f]{16}$/);
  expect(names.nameFor("SELECT 1")).toBe(a);
  expect(names.nameFor("SELECT 2")).not.toBe(a);
});

test("past the cap, new texts run unnamed while named ones keep their names", () => {
  const names = new StatementNames(2);
  const first = names.nameFor("SELECT 1");
  names.nameFor("SELECT 2");
  expect(names.nameFor("SELECT 3")).toBeUndefined();
  expect(names.nameFor("SELECT 1")).toBe(first);
});

// The runs here throw before any statement, so the connection is never asked for one.
function stubPool(): SqlPool {
  const client = { query: async () => undefined, release: () => undefined };
  return { pool: { connect: async () => client } as unknown as Pool, namedStatements: false };
}

const dbError = (code: string) => Object.assign(new Error(`database error ${code}`), { code });

test("a transaction that deadlocks runs again and returns what the new run returns", async () => {
  let runs = 0;
  const result = await sqlTransaction(stubPool(), async () => {
    runs++;
    if (runs === 1) throw dbError("40P01");
    return "done";
  });
  expect(result).toBe("done");
  expect(runs).toBe(2);
});

test("other errors are not retried, and a deadlock every time gives up after three runs", async () => {
  let runs = 0;
  await expect(sqlTransaction(stubPool(), async () => (runs++, Promise.reject(dbError("23505"))))).rejects.toThrow("23505");
  expect(runs).toBe(1);
  runs = 0;
  await expect(sqlTransaction(stubPool(), async () => (runs++, Promise.reject(dbError("40P01"))))).rejects.toThrow("40P01");
  expect(runs).toBe(3);
});
