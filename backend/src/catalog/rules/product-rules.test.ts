import type { ProductShape } from "./shapes";
import { productIssues } from "./product-rules";

const product = (p: Partial<ProductShape> = {}): ProductShape => ({
  shortCode: "APP",
  name: "App",
  authorizationMethod: "LICENSE_KEY",
  features: [],
  customFields: [],
  ...p,
});

test("a product with a code and a name is valid", () => {
  expect(productIssues(product())).toEqual([]);
  expect(productIssues(product({ shortCode: "my-app_2.0" }))).toEqual([]);
});

test("short codes are URL-safe codes, since the admin API addresses products by them", () => {
  for (const shortCode of ["", "a b", "a/b", "-lead", "x".repeat(65)]) {
    expect(productIssues(product({ shortCode })).map((i) => i.path)).toEqual([["shortCode"]]);
  }
});

test("feature codes and custom field names are unique, and each issue names its entry", () => {
  const issues = productIssues(
    product({
      features: [{ code: "export", name: "Export" }, { code: "export", name: "Again" }, { code: "ok", name: "" }],
      customFields: [{ name: "Serial", defaultValue: "1" }, { name: "Serial", defaultValue: "2" }],
    }),
  );
  expect(issues).toEqual([
    { path: ["features", 2, "name"], message: "is empty; expected a name" },
    { path: ["features", 1, "code"], message: '"export" appears more than once; each feature code must be unique' },
    { path: ["customFields", 1, "name"], message: '"Serial" appears more than once; each custom field name must be unique' },
  ]);
});

test("a custom field name must fit the metadata key custom_field_NAME, and its default a metadata value", () => {
  const issues = productIssues(
    product({ customFields: [{ name: "x".repeat(28), defaultValue: "" }, { name: "ok", defaultValue: "v".repeat(501) }] }),
  );
  expect(issues.map((i) => i.path)).toEqual([
    ["customFields", 0, "name"],
    ["customFields", 1, "defaultValue"],
  ]);
  expect(issues[1]!.message).toBe("is 501 characters long; expected at most 500");
});
