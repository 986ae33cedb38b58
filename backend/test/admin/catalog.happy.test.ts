import { createApiKey } from "../../src/api-keys/api-key-store";
import { adminClient, type AdminClient } from "../harness/admin";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;
let keyId: string;

beforeAll(async () => {
  env = await startWebhookEnv("admin_catalog");
  const key = await createApiKey(env.backend.db, env.backend.accountId, "catalog-tests");
  keyId = key.id;
  api = adminClient(env.backend.url, key.token);
});

afterAll(() => env?.close());

const changes = (entity: string) =>
  env.backend.db.catalogChange.findMany({ where: { accountId: env.backend.accountId, entity }, orderBy: { createdAt: "asc" } });

test("products: create, list, get with policies, update; each write is in the catalog history with the API key as cause", async () => {
  const created = await api.post("/admin/products", {
    shortCode: "APP",
    name: "App",
    features: [{ code: "export", name: "Export" }],
    customFields: [{ name: "Serial", defaultValue: "111" }],
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ shortCode: "APP", name: "App", authorizationMethod: "LICENSE_KEY", policies: [] });

  const listed = await api.get("/admin/products");
  expect(listed.status).toBe(200);
  expect(listed.body.data.map((p: { shortCode: string }) => p.shortCode)).toEqual(["APP"]);

  const updated = await api.patch("/admin/products/APP", { name: "App Pro", features: [{ code: "export", name: "Export" }, { code: "sync", name: "Sync" }] });
  expect(updated.status).toBe(200);
  expect(updated.body).toMatchObject({ name: "App Pro", customFields: [{ name: "Serial", defaultValue: "111" }] });
  expect(updated.body.features).toHaveLength(2);

  const got = await api.get("/admin/products/APP");
  expect(got.status).toBe(200);
  expect(got.body).toMatchObject({ shortCode: "APP", name: "App Pro", policies: [] });

  const history = await changes("product");
  expect(history.map((c) => [c.action, c.causeType, c.causeId])).toEqual([
    ["create", "ADMIN_API", keyId],
    ["update", "ADMIN_API", keyId],
  ]);
  expect(history[1]).toMatchObject({ before: { name: "App" }, after: { name: "App Pro" } });
});

test("an update that changes nothing writes nothing", async () => {
  const before = (await changes("product")).length;
  const same = await api.patch("/admin/products/APP", { name: "App Pro" });
  expect(same.status).toBe(200);
  expect((await changes("product")).length).toBe(before);
});

test("policies: the first is the default, every Policy field can be set, and null clears a term", async () => {
  const first = await api.post("/admin/products/APP/policies", { code: "std", name: "Standard", maxActivations: 3, features: ["export"] });
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ product: "APP", code: "std", isDefault: true, maxActivations: 3, validDuration: null, features: ["export"] });

  const full = {
    code: "pro",
    name: "Pro",
    licenseType: "time-limited",
    validDuration: "1y",
    maxActivations: 10,
    floatingCloud: 4,
    enableMaintenance: true,
    maintenanceDuration: "6m",
    isLicenseManager: true,
    unpaidActiveLicensePeriod: "7d",
    addedDays: 3,
    maxConsumptions: 500,
    features: ["export", "sync"],
    customFields: { Serial: "PRO" },
  };
  const second = await api.post("/admin/products/APP/policies", full);
  expect(second.status).toBe(201);
  expect(second.body).toMatchObject({ ...full, isDefault: false, maxLicenseUsers: null, assignCustomerAsUser: null });

  const cleared = await api.patch("/admin/products/APP/policies/pro", { floatingCloud: null, maxActivations: 12 });
  expect(cleared.status).toBe(200);
  expect(cleared.body).toMatchObject({ floatingCloud: null, maxActivations: 12, validDuration: "1y" });

  const listed = await api.get("/admin/products/APP/policies");
  expect(listed.body.data.map((p: { code: string; isDefault: boolean }) => [p.code, p.isDefault])).toEqual([
    ["pro", false],
    ["std", true],
  ]);
  expect((await api.get("/admin/products/APP")).body.policies).toHaveLength(2);
  expect((await changes("policy")).map((c) => c.action)).toEqual(["create", "create", "update"]);
});

test("user-authorized products take user terms", async () => {
  expect((await api.post("/admin/products", { shortCode: "HUB", name: "Hub", authorizationMethod: "USER" })).status).toBe(201);
  const seats = await api.post("/admin/products/HUB/policies", { code: "seats", name: "Seats", maxLicenseUsers: 5, assignCustomerAsUser: true });
  expect(seats.status).toBe(201);
  expect(seats.body).toMatchObject({ maxLicenseUsers: 5, assignCustomerAsUser: true, isDefault: true });
});

test("bundles: create with member short codes, list, get, update, delete", async () => {
  const created = await api.post("/admin/bundles", { code: "SUITE", name: "Suite", members: ["HUB", "APP"] });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ code: "SUITE", name: "Suite", members: ["APP", "HUB"] });

  expect((await api.get("/admin/bundles")).body.data.map((b: { code: string }) => b.code)).toEqual(["SUITE"]);
  expect((await api.get("/admin/bundles/SUITE")).body.members).toEqual(["APP", "HUB"]);

  const updated = await api.patch("/admin/bundles/SUITE", { members: ["APP"], name: "Suite 2" });
  expect(updated.status).toBe(200);
  expect(updated.body).toMatchObject({ name: "Suite 2", members: ["APP"] });

  expect((await api.delete("/admin/bundles/SUITE")).status).toBe(204);
  expect((await api.get("/admin/bundles/SUITE")).status).toBe(404);
  expect((await changes("bundle")).map((c) => c.action)).toEqual(["create", "update", "delete"]);
});

test("deleting a policy and a product nothing refers to", async () => {
  expect((await api.delete("/admin/products/APP/policies/pro")).status).toBe(204);
  expect((await api.delete("/admin/products/APP")).status).toBe(204);
  expect((await api.get("/admin/products/APP")).status).toBe(404);
  // The product's remaining policy went with it, and both deletions are in the history.
  const deleted = (await changes("policy")).filter((c) => c.action === "delete");
  expect(deleted.map((c) => (c.before as { code: string }).code)).toEqual(["pro", "std"]);
  expect((await changes("product")).at(-1)).toMatchObject({ action: "delete", after: null, before: { shortCode: "APP" } });
});
