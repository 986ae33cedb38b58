import { formatFileIssue, readCatalogFile } from "./read-catalog-file";

const problems = (text: string) => {
  const result = readCatalogFile(text);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.issues.map((i) => formatFileIssue("catalog.yaml", i));
};

test("a valid file becomes the catalog it describes, with each entry's place in the file", () => {
  const result = readCatalogFile(`
products:
  - short_code: APP
    name: App
    authorization_method: USER
    features: [{ code: export, name: Export }]
    custom_fields: [{ name: Serial, default: 111 }]
    policies:
      - code: std
        name: Standard
        default: true
        valid_duration: 1y
        max_license_users: 3
        custom_fields: { Serial: 222 }
bundles:
  - { code: SUITE, name: Suite, products: [APP] }
`);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const [app] = result.catalog.products;
  expect(app).toMatchObject({
    at: ["products", 0],
    product: { shortCode: "APP", authorizationMethod: "USER", features: [{ code: "export", name: "Export" }], customFields: [{ name: "Serial", defaultValue: "111" }] },
  });
  expect(app!.policies[0]).toMatchObject({
    at: ["products", 0, "policies", 0],
    code: "std",
    makeDefault: true,
    terms: { name: "Standard", validDuration: "1y", maxLicenseUsers: 3, maxActivations: null, customFields: { Serial: "222" } },
  });
  expect(result.catalog.bundles).toEqual([{ at: ["bundles", 0], bundle: { code: "SUITE", name: "Suite", members: ["APP"] } }]);
  expect(result.lineOf(["products", 0, "policies", 0, "valid_duration"])).toBe(12);
});

test("an empty file is an empty catalog", () => {
  expect(readCatalogFile("# nothing yet\n")).toMatchObject({ ok: true, catalog: { products: [], bundles: [] } });
});

test("shape errors name the path and line; unknown keys are refused rather than ignored", () => {
  expect(
    problems(`products:
  - short_code: 7
    name: Tool
    policies:
      - code: std
        max_activation: 3
        max_consumptions: 1.5
bundles:
  - code: B
`),
  ).toEqual([
    'catalog.yaml:2: products[0].short_code: 7 is not text; put it in quotes, e.g. "7"',
    "catalog.yaml:5: products[0].policies[0].name: is required",
    "catalog.yaml:7: products[0].policies[0].max_consumptions: 1.5 is not a whole number",
    "catalog.yaml:6: products[0].policies[0].max_activation: is not a known key here (see docs/catalog.example.yaml for the keys)",
    "catalog.yaml:9: bundles[0].name: is required",
    "catalog.yaml:9: bundles[0].products: is required",
  ]);
});

test("a file that is not YAML says where", () => {
  expect(problems("products:\n  - short_code: A\n    short_code: B\n")).toEqual(["catalog.yaml:3: not valid YAML: Map keys must be unique"]);
});
