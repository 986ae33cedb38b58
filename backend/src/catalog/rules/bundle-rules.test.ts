import { bundleIssues } from "./bundle-rules";

test("a bundle has a code, a name and at least one distinct member", () => {
  expect(bundleIssues({ code: "SUITE", name: "Suite", members: ["APP"] })).toEqual([]);
  expect(bundleIssues({ code: "SUITE", name: "Suite", members: [] })).toEqual([
    { path: ["members"], message: "is empty; a bundle needs at least one product" },
  ]);
  expect(bundleIssues({ code: "a b", name: "", members: ["APP", "APP"] })).toEqual([
    { path: ["code"], message: expect.stringContaining('"a b" is not a valid code') },
    { path: ["name"], message: "is empty; expected a name" },
    { path: ["members", 1], message: '"APP" appears more than once; each member product must be unique' },
  ]);
});
