import { createApiKey } from "../../src/api-keys/api-key-store";
import { adminClient, type AdminClient } from "../harness/admin";
import { seedCatalog } from "../harness/catalog-seed";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;

beforeAll(async () => {
  env = await startWebhookEnv("admin_catalog_err");
  api = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "errors")).token);
  await api.post("/admin/products", { shortCode: "APP", name: "App", features: [{ code: "export", name: "Export" }] });
  await api.post("/admin/products/APP/policies", { code: "std", name: "Standard", features: ["export"] });
  await api.post("/admin/bundles", { code: "SUITE", name: "Suite", members: ["APP"] });
});

afterAll(() => env?.close());

test("a malformed body is a 400 naming each issue, and unknown fields are refused rather than ignored", async () => {
  const res = await api.post("/admin/products", { shortCode: "X", name: 5, maxActivation: 3 });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe("invalid_request");
  expect(res.body.error.details).toEqual([
    { path: "body.name", message: expect.stringContaining("expected string") },
    { path: "body.maxActivation", message: "is not a known field" },
  ]);
  expect((await api.patch("/admin/products/APP/policies/std", { maxActivations: "3" })).body.error.details).toEqual([
    { path: "body.maxActivations", message: expect.stringContaining("expected number") },
  ]);
  expect((await api.get("/admin/events?status=LOST")).body.error.details[0].path).toBe("query.status");
});

test("catalog rules are a 400 naming the field and the reason", async () => {
  const res = await api.post("/admin/products/APP/policies", {
    code: "bad",
    name: "Bad",
    validDuration: "3x",
    maxActivations: 2,
    floatingCloud: 3,
    maxLicenseUsers: 5,
    features: ["export", "nope"],
    customFields: { Colour: "red" },
  });
  expect(res.status).toBe(400);
  expect(res.body.error.details).toEqual([
    { path: "validDuration", message: '"3x" is not a duration; expected N followed by d, w, m or y, e.g. 30d or 1y' },
    { path: "floatingCloud", message: "3 is above max activations 2; floating cloud users must be at most the max activations" },
    { path: "maxLicenseUsers", message: 'applies only to products with user authorization; product "APP" uses license keys' },
    { path: "features.1", message: '"nope" is not a feature of product "APP" (its features: export)' },
    { path: "customFields.Colour", message: 'is not a custom field of product "APP" (its custom fields: none)' },
  ]);
  expect((await api.post("/admin/products", { shortCode: "has space", name: "X" })).status).toBe(400);
});

test("a product edit its policies would no longer fit is refused, naming the policy", async () => {
  const res = await api.patch("/admin/products/APP", { features: [] });
  expect(res.status).toBe(400);
  expect(res.body.error.details).toEqual([
    { path: "policies.std.features.0", message: '"export" is not a feature of product "APP" (its features: none)' },
  ]);
  expect((await api.patch("/admin/products/APP", { authorizationMethod: "USER" })).status).toBe(200);
  await api.patch("/admin/products/APP/policies/std", { maxLicenseUsers: 3 });
  expect((await api.patch("/admin/products/APP", { authorizationMethod: "LICENSE_KEY" })).body.error.details).toEqual([
    { path: "policies.std.maxLicenseUsers", message: 'applies only to products with user authorization; product "APP" uses license keys' },
  ]);
});

test("products and bundles share one set of codes, in both directions (409)", async () => {
  const asProduct = await api.post("/admin/products", { shortCode: "SUITE", name: "Clash" });
  expect(asProduct.status).toBe(409);
  expect(asProduct.body.error.message).toBe('"SUITE" is already the code of a bundle; products and bundles share one set of codes');
  const asBundle = await api.post("/admin/bundles", { code: "APP", name: "Clash", members: ["APP"] });
  expect(asBundle.status).toBe(409);
  expect(asBundle.body.error.message).toBe('"APP" is already the short code of a product');
  expect((await api.post("/admin/products", { shortCode: "APP", name: "Again" })).status).toBe(409);
  expect((await api.post("/admin/bundles", { code: "SUITE", name: "Again", members: ["APP"] })).status).toBe(409);
  expect((await api.post("/admin/products/APP/policies", { code: "std", name: "Again" })).status).toBe(409);
});

test("bundle members must be existing products of the account", async () => {
  const res = await api.post("/admin/bundles", { code: "PACK", name: "Pack", members: ["APP", "GHOST"] });
  expect(res.status).toBe(400);
  expect(res.body.error.details).toEqual([{ path: "members.1", message: '"GHOST" is not a product short code' }]);
  expect((await api.patch("/admin/bundles/SUITE", { members: [] })).status).toBe(400);
});

test("the default cannot be unset, only replaced; the first policy cannot be made a non-default", async () => {
  expect((await api.patch("/admin/products/APP/policies/std", { isDefault: false })).status).toBe(400);
  await api.post("/admin/products", { shortCode: "TOOL", name: "Tool" });
  const first = await api.post("/admin/products/TOOL/policies", { code: "a", name: "A", isDefault: false });
  expect(first.status).toBe(400);
  expect(first.body.error.details).toEqual([{ path: "isDefault", message: "must be true (or left out) for a product's first policy" }]);
});

test("deletes that would orphan something are refused (409)", async () => {
  const inBundle = await api.delete("/admin/products/APP");
  expect(inBundle.status).toBe(409);
  expect(inBundle.body.error.message).toBe('Product "APP" is in bundle "SUITE"; remove it from the bundle first');

  await api.post("/admin/products/APP/policies", { code: "other", name: "Other" });
  expect((await api.delete("/admin/products/APP/policies/std")).body.error.message).toBe(
    'Policy "std" is the default of product "APP"; make another policy the default first',
  );

  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "SOLD", policies: [{ code: "p", isDefault: true }] }] });
  const product = await env.backend.db.product.findFirstOrThrow({ where: { shortCode: "SOLD" }, include: { policies: true } });
  await env.backend.db.license.create({
    data: {
      accountId: env.backend.accountId,
      key: "AAAAA-BBBBB-CCCCC-DDDDD",
      productId: product.id,
      policyId: product.policies[0]!.id,
      licenseType: "PERPETUAL",
      spec: {},
      maxActivations: 1,
      sourceKey: "sold-1",
      unitIndex: 0,
    },
  });
  expect((await api.delete("/admin/products/SOLD")).body.error.message).toBe('Product "SOLD" has 1 license(s); a product with licenses cannot be deleted');
  expect((await api.delete("/admin/products/SOLD/policies/p")).body.error.message).toBe('Policy "p" has 1 license(s); a policy with licenses cannot be deleted');
});

test("unknown codes are 404", async () => {
  for (const [method, path] of [
    ["GET", "/admin/products/NOPE"],
    ["PATCH", "/admin/products/NOPE"],
    ["GET", "/admin/products/NOPE/policies"],
    ["POST", "/admin/products/NOPE/policies"],
    ["PATCH", "/admin/products/APP/policies/nope"],
    ["GET", "/admin/bundles/NOPE"],
    ["PATCH", "/admin/bundles/NOPE"],
    ["DELETE", "/admin/bundles/NOPE"],
  ] as const) {
    const body = method === "GET" || method === "DELETE" ? undefined : method === "POST" ? { code: "x", name: "X" } : { name: "X" };
    const res = await api.request(method, path, body);
    expect([method, path, res.status]).toEqual([method, path, 404]);
  }
});
