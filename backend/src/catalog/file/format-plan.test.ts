import { formatPlan } from "./format-plan";

test("a plan reads as one line per entry and a count, list changes as added, removed and altered entries", () => {
  expect(
    formatPlan([
      { action: "create", entity: "policy", product: "APP", code: "std", input: { code: "std", name: "Std", isDefault: true } },
      {
        action: "update",
        entity: "product",
        code: "APP",
        patch: {},
        changes: [
          { field: "name", from: "App", to: "App 2" },
          { field: "features", from: [{ code: "a", name: "A" }, { code: "b", name: "B" }], to: [{ code: "a", name: "A2" }, { code: "c", name: "C" }] },
        ],
      },
      { action: "update", entity: "policy", product: "APP", code: "trial", patch: {}, changes: [{ field: "max_activations", from: 3, to: null }] },
      { action: "unchanged", entity: "bundle", code: "SUITE" },
      { action: "not-in-file", entity: "product", code: "OLD" },
    ]),
  ).toEqual([
    "+ policy APP/std: create (default)",
    '~ product APP: name "App" → "App 2"; features ~a ("A" → "A2"), +c, -b',
    "~ policy APP/trial: max_activations 3 → (not set)",
    "= bundle SUITE: unchanged",
    "? product OLD: in the catalog but not in the file; kept (delete it through the admin API)",
    "1 to create, 2 to update, 1 unchanged; 1 not in the file (kept)",
  ]);
});

test("a plan without creates or updates says so", () => {
  expect(formatPlan([{ action: "unchanged", entity: "product", code: "APP" }])).toEqual(["= product APP: unchanged", "no changes"]);
});
