import { createApiKey } from "../../src/api-keys/api-key-store";
import { sealEndpointSecret, newEndpointSecret } from "../../src/outbound/endpoint-secret";
import { SecretBox, parseKey } from "../../src/crypto/secret-box";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, type AdminClient } from "../harness/admin";
import { deliverAll, TEST_ENCRYPTION_KEY } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { eventually, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { startReceiver, type Receiver } from "../harness/webhook-receiver";

jest.setTimeout(60_000);

// The server runs as in production: private addresses are refused.
let env: WebhookEnv;
let api: AdminClient;
let receiver: Receiver;

beforeAll(async () => {
  env = await startWebhookEnv("outbound_security", { env: { WEBHOOK_DELIVERY_INTERVAL_MS: "100", WEBHOOK_RETRY_BASE_MS: "60000" } });
  api = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "ssrf")).token);
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
  receiver = await startReceiver();
});

afterAll(async () => {
  await env?.close();
  await receiver?.close();
});

test.each([
  ["loopback", "http://127.0.0.1:9/hook"],
  ["localhost", "http://localhost:9/hook"],
  ["IPv6 loopback", "http://[::1]:9/hook"],
  ["IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]/hook"],
  ["a private network", "https://10.1.2.3/hook"],
  ["link-local (cloud metadata)", "http://169.254.169.254/latest/meta-data"],
  ["a decimal loopback", "http://2130706433/hook"],
])("an endpoint on %s is refused with 400", async (_what, url) => {
  const res = await api.post("/admin/webhook-endpoints", { url });
  expect([res.status, res.body.error.code]).toEqual([400, "invalid_request"]);
  expect(res.body.error.details).toEqual([{ path: "url", message: expect.stringMatching(/private or loopback/) }]);
});

test("changing an endpoint's URL to a private address is refused too; other schemes are not URLs it takes", async () => {
  expect((await api.post("/admin/webhook-endpoints", { url: "ftp://example.com/hook" })).status).toBe(400);
  const endpoint = await env.backend.db.webhookEndpoint.create({
    data: { accountId: env.backend.accountId, url: "https://example.com/hook", secretEnc: "sealed", enabled: false },
  });
  const res = await api.patch(`/admin/webhook-endpoints/${endpoint.id}`, { url: "http://192.168.1.1/hook" });
  expect(res.status).toBe(400);
  await env.backend.db.webhookEndpoint.delete({ where: { id: endpoint.id } });
});

test("a delivery to an endpoint that now resolves to a private address is not sent: the attempt records why", async () => {
  // As if the URL's name had been re-pointed at the operator's network after it was registered.
  const box = new SecretBox(parseKey(TEST_ENCRYPTION_KEY)!);
  const id = "0b5b2a9e-6f1e-4c1e-9a57-2f0c3f3f8c99";
  await env.backend.db.webhookEndpoint.create({
    data: { id, accountId: env.backend.accountId, url: `${receiver.url.replace("127.0.0.1", "localhost")}/inside`, secretEnc: sealEndpointSecret(box, id, newEndpointSecret()) },
  });
  const world = new StripeWorld(env.fake.store, { name: "outssrf" });
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  await deliverAll(env.backend, world.checkout({ customer: world.customer(), lines: [{ price, quantity: 1 }] }).events);
  const [delivery] = await eventually(async () => {
    const rows = (await api.get(`/admin/webhook-endpoints/${id}/deliveries`)).body.data;
    return rows[0]?.attempts === 1 ? rows : undefined;
  }, "the refused attempt");
  expect(delivery).toMatchObject({ status: "PENDING", lastStatusCode: null, lastError: expect.stringMatching(/localhost resolves to .*private or loopback/) });
  expect(receiver.received).toEqual([]);
});

test("a disconnected account's endpoints can be read, not changed (409)", async () => {
  const accountId = (await env.backend.db.account.create({ data: { kind: "CONNECTED", stripeAccountId: "acct_outgone", livemode: false, status: "DISCONNECTED" } })).id;
  const gone = adminClient(env.backend.url, (await createApiKey(env.backend.db, accountId, "gone")).token);
  expect((await gone.get("/admin/webhook-endpoints")).status).toBe(200);
  const res = await gone.post("/admin/webhook-endpoints", { url: "https://example.com/hook" });
  expect([res.status, res.body.error.code]).toEqual([409, "account_disconnected"]);
});
