import { StripeWorld } from "../fake-stripe/world";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { dashboardClient, TEST_APP_SECRET, type DashboardClient } from "../harness/dashboard";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let app: DashboardClient;
let world: StripeWorld;

beforeAll(async () => {
  env = await startWebhookEnv("dashboard_settings", { env: { STRIPE_APP_SECRET: TEST_APP_SECRET } });
  app = dashboardClient(env.backend.url, { user_id: "usr_settings", account_id: "acct_fakeplatform", mode: "test" });
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
  world = new StripeWorld(env.fake.store, { name: "dashsettings" });
});

afterAll(() => env?.close());

test("the metadata check reads every active price from Stripe and names the key to fix", async () => {
  const ok = world.price({ product: world.product({ name: "App" }), metadata: { short_code: "APP" } });
  const bad = world.price({ product: world.product(), metadata: { short_code: "APP", max_activations: "lots" } });
  const unknown = world.price({ product: world.product(), metadata: { short_code: "GHOST" } });
  const ignored = world.price({ product: world.product(), metadata: { short_code: "APP", ignore_product: "true" } });
  const shirt = world.price({ product: world.product({ name: "T-shirt" }) });

  const res = await app.get("/dashboard/metadata-check");
  expect(res.status).toBe(200);
  const byId = new Map(res.body.prices.map((p: { priceId: string }) => [p.priceId, p]));
  expect(byId.get(ok.id)).toMatchObject({ status: "OK", shortCode: "APP", productName: "App", problems: [] });
  expect(byId.get(bad.id)).toMatchObject({ status: "PROBLEMS", problems: [{ key: "max_activations", message: expect.stringContaining("lots") }] });
  expect(byId.get(unknown.id)).toMatchObject({ status: "PROBLEMS", problems: [{ key: "short_code", message: expect.stringContaining("GHOST") }] });
  expect(byId.get(ignored.id)).toMatchObject({ status: "IGNORED" });
  expect(byId.get(shirt.id)).toMatchObject({ status: "NOT_LICENSED", productName: "T-shirt" });
});

test("a failed event is fixed from the settings (a product added) and replayed from the dashboard", async () => {
  const price = world.price({ product: world.product(), metadata: { short_code: "TOOL" } });
  const purchase = world.checkout({ customer: world.customer(), lines: [{ price, quantity: 2 }] });
  await deliverAll(env.backend, purchase.events);
  const failed = await app.get("/dashboard/events", { status: "FAILED" });
  const event = failed.body.data.find((e: { stripeEventId: string }) => e.stripeEventId === purchase.events[0]!.id);
  expect(event).toMatchObject({ status: "FAILED", errorCode: "UNKNOWN_PRODUCT" });

  const product = await app.post("/dashboard/products", { shortCode: "TOOL", name: "Tool" });
  expect(product.status).toBe(201);
  expect((await app.post("/dashboard/products/TOOL/policies", { code: "std", name: "Standard", maxActivations: 2 })).status).toBe(201);
  const change = await env.backend.db.catalogChange.findFirstOrThrow({ where: { accountId: env.backend.accountId }, orderBy: { createdAt: "desc" } });
  expect(change).toMatchObject({ causeType: "DASHBOARD_USER", causeId: "usr_settings" });

  const replay = await app.post(`/dashboard/events/${event.id}/replay`);
  expect(replay.body).toMatchObject({ status: "PROCESSED" });
  expect((await app.get("/dashboard/licenses", { payment_intent: purchase.paymentIntent.id })).body.data).toHaveLength(2);
  expect((await app.get("/dashboard/events", { status: "FAILED" })).body.data.map((e: { id: string }) => e.id)).not.toContain(event.id);
});

test("the catalog as the settings view shows it, and edits answer the shared shapes", async () => {
  expect((await app.patch("/dashboard/products/TOOL", { name: "Tool Pro" })).body).toMatchObject({ shortCode: "TOOL", name: "Tool Pro", policies: [expect.objectContaining({ code: "std" })] });
  expect((await app.patch("/dashboard/products/TOOL/policies/std", { maxActivations: 5 })).body).toMatchObject({ code: "std", maxActivations: 5 });
  expect((await app.post("/dashboard/bundles", { code: "SUITE", name: "Suite", members: ["APP", "TOOL"] })).status).toBe(201);
  expect((await app.patch("/dashboard/bundles/SUITE", { members: ["APP"] })).body).toMatchObject({ code: "SUITE", members: ["APP"] });
  const catalog = (await app.get("/dashboard/catalog")).body;
  expect(catalog.products.map((p: { shortCode: string }) => p.shortCode)).toEqual(["APP", "TOOL"]);
  expect(catalog.bundles).toEqual([expect.objectContaining({ code: "SUITE", members: ["APP"] })]);

  const typo = await app.post("/dashboard/products", { shortCode: "X", name: "X", colour: "red" });
  expect(typo.status).toBe(400);
  expect(typo.body.error.details).toEqual([{ path: "body.colour", message: "is not a known field" }]);
});
