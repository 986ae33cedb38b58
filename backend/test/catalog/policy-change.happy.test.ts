import { createApiKey } from "../../src/api-keys/api-key-store";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, type AdminClient } from "../harness/admin";
import { deliverAll, licensesOf } from "../harness/backend";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;
let keyId: string;

beforeAll(async () => {
  env = await startWebhookEnv("policy_change");
  const key = await createApiKey(env.backend.db, env.backend.accountId, "policies");
  keyId = key.id;
  api = adminClient(env.backend.url, key.token);
  await api.post("/admin/products", {
    shortCode: "APP",
    name: "App",
    features: [{ code: "export", name: "Export" }, { code: "sync", name: "Sync" }],
    customFields: [{ name: "Serial", defaultValue: "111" }],
  });
  await api.post("/admin/products/APP/policies", { code: "std", name: "Standard", maxActivations: 2, features: ["export"] });
});

afterAll(() => env?.close());

async function buy(world: StripeWorld) {
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  const purchase = world.checkout({ customer: world.customer(), lines: [{ price, quantity: 1 }] });
  await deliverAll(env.backend, purchase.events);
  return licensesOf(env.backend.db, env.backend.accountId, { stripeCheckoutSessionId: purchase.session.id });
}

test("changing a policy leaves existing licenses exactly as they were, records the change, and shapes new licenses only", async () => {
  const world = new StripeWorld(env.fake.store, { name: "polchange" });
  const [before] = await buy(world);
  expect(before).toMatchObject({ maxActivations: 2, spec: expect.objectContaining({ maxActivations: 2, features: ["export"], policyCode: "std" }) });

  const changed = await api.patch("/admin/products/APP/policies/std", { maxActivations: 5, features: ["export", "sync"], customFields: { Serial: "222" } });
  expect(changed.status).toBe(200);
  await api.patch("/admin/products/APP", { name: "App 2" });

  const [after] = await licensesOf(env.backend.db, env.backend.accountId, { id: before!.id });
  expect(after).toEqual(before);

  const change = await env.backend.db.catalogChange.findFirstOrThrow({ where: { accountId: env.backend.accountId, entity: "policy", action: "update" } });
  expect(change).toMatchObject({
    entityId: changed.body.id,
    causeType: "ADMIN_API",
    causeId: keyId,
    before: expect.objectContaining({ maxActivations: 2, features: ["export"], customFields: {} }),
    after: expect.objectContaining({ maxActivations: 5, features: ["export", "sync"], customFields: { Serial: "222" } }),
  });

  const [fresh] = await buy(world);
  expect(fresh).toMatchObject({ maxActivations: 5, spec: expect.objectContaining({ maxActivations: 5, features: ["export", "sync"], customFields: { Serial: "222" } }) });
});
