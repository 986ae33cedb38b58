import { patched, sameValue } from "./patch";

test("a patch sets what it names, null included, and leaves undefined fields alone", () => {
  expect(patched({ a: 1, b: 2 as number | null, c: [1] }, { a: undefined, b: null })).toEqual({ a: 1, b: null, c: [1] });
});

test("values compare deeply, object keys in any order, list order counting", () => {
  expect(sameValue({ a: 1, b: { x: [1, 2] } }, { b: { x: [1, 2] }, a: 1 })).toBe(true);
  expect(sameValue([1, 2], [2, 1])).toBe(false);
  expect(sameValue(null, undefined)).toBe(false);
  expect(sameValue({ a: null }, {})).toBe(false);
});
