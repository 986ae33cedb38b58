import { isRetryableConflict, StatementNames } from "./sql";

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

test("deadlocks and serialization failures are worth another run; other errors are not", () => {
  const dbError = (code: string) => Object.assign(new Error(`database error ${code}`), { code });
  expect(isRetryableConflict(dbError("40P01"))).toBe(true);
  expect(isRetryableConflict(dbError("40001"))).toBe(true);
  expect(isRetryableConflict(dbError("23505"))).toBe(false);
  expect(isRetryableConflict(new Error("no code"))).toBe(false);
  expect(isRetryableConflict(null)).toBe(false);
});
