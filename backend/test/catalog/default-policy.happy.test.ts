import { createApiKey } from "../../src/api-keys/api-key-store";
import { adminClient, type AdminClient } from "../harness/admin";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;

beforeAll(async () => {
  env = await startWebhookEnv("default_policy");
  api = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "defaults")).token);
});

afterAll(() => env?.close());

const defaults = async (shortCode: string) =>
  (await api.get(`/admin/products/${shortCode}/policies`)).body.data.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { code: string }) => p.code);

test("making a policy the default unsets the previous one, and both changes are in the catalog history", async () => {
  await api.post("/admin/products", { shortCode: "APP", name: "App" });
  await api.post("/admin/products/APP/policies", { code: "a", name: "A" });
  await api.post("/admin/products/APP/policies", { code: "b", name: "B" });
  expect(await defaults("APP")).toEqual(["a"]);

  const created = await api.post("/admin/products/APP/policies", { code: "c", name: "C", isDefault: true });
  expect(created.body.isDefault).toBe(true);
  expect(await defaults("APP")).toEqual(["c"]);

  expect((await api.patch("/admin/products/APP/policies/b", { isDefault: true })).body.isDefault).toBe(true);
  expect(await defaults("APP")).toEqual(["b"]);

  const updates = await env.backend.db.catalogChange.findMany({
    where: { accountId: env.backend.accountId, entity: "policy", action: "update" },
    orderBy: { createdAt: "asc" },
  });
  expect(updates.map((u) => [(u.before as { code: string }).code, (u.before as { isDefault: boolean }).isDefault, (u.after as { isDefault: boolean }).isDefault])).toEqual([
    ["a", true, false],
    ["c", true, false],
    ["b", false, true],
  ]);
});

test("concurrent switches leave exactly one default: the product row lock serialises them", async () => {
  await api.post("/admin/products", { shortCode: "RACE", name: "Race" });
  const codes = Array.from({ length: 8 }, (_, i) => `p${i}`);
  for (const code of codes) await api.post("/admin/products/RACE/policies", { code, name: code });

  for (let round = 0; round < 3; round++) {
    const answers = await Promise.all(codes.map((code) => api.patch(`/admin/products/RACE/policies/${code}`, { isDefault: true })));
    expect(answers.map((a) => a.status)).toEqual(codes.map(() => 200));
    expect(await defaults("RACE")).toHaveLength(1);
  }
  const product = await env.backend.db.product.findFirstOrThrow({ where: { accountId: env.backend.accountId, shortCode: "RACE" } });
  expect(await env.backend.db.policy.count({ where: { productId: product.id, isDefault: true } })).toBe(1);
});

test("concurrent first policies of a new product still give it exactly one default", async () => {
  await api.post("/admin/products", { shortCode: "FRESH", name: "Fresh" });
  const answers = await Promise.all(["x", "y", "z"].map((code) => api.post("/admin/products/FRESH/policies", { code, name: code })));
  expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
  expect(await defaults("FRESH")).toHaveLength(1);
});
