import { findUnstorableText, mayHoldUnstorable, nestsDeeperThan, replaceUnstorable } from "./unstorable-text";

test("finds a NUL character or half a surrogate pair, in a value or a key, with its path", () => {
  expect(findUnstorableText({ data: { object: { metadata: { note: "a\u0000b" } } } })).toEqual({ path: "data.object.metadata.note", problem: "a NUL character" });
  expect(findUnstorableText({ lines: ["ok", "x\ud800"] })).toEqual({ path: "lines.1", problem: "half of a UTF-16 surrogate pair" });
  expect(findUnstorableText({ "k\udc00": 1 })).toEqual({ path: "k\udc00", problem: "half of a UTF-16 surrogate pair" });
  expect(findUnstorableText({ emoji: "😀 \ud83d\ude00", text: "plain" })).toBeNull();
});

test("the cheap look at JSON text spots the escapes that can spell them", () => {
  expect(mayHoldUnstorable(JSON.stringify({ a: "\u0000" }))).toBe(true);
  expect(mayHoldUnstorable('{"a":"\\ud800"}')).toBe(true);
  expect(mayHoldUnstorable(JSON.stringify({ a: "😀 plain" }))).toBe(false);
});

test("replacing keeps everything else as it was", () => {
  expect(replaceUnstorable({ a: ["x\u0000", 1, null], "b\ud800": { c: "ok" } })).toEqual({ a: ["x\uFFFD", 1, null], "b\uFFFD": { c: "ok" } });
});

test("nesting is measured without recursion, however deep", () => {
  const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
  expect(nestsDeeperThan(deep, 64)).toBe(true);
  expect(nestsDeeperThan({ a: { b: [{ c: 1 }] } }, 4)).toBe(false);
  expect(nestsDeeperThan({ a: { b: [{ c: {} }] } }, 4)).toBe(true);
});
