import { Webhook } from "standardwebhooks";
import { createApiKey } from "../../src/api-keys/api-key-store";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, type AdminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { eventually, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { startReceiver, type Receiver } from "../harness/webhook-receiver";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;
let receiver: Receiver;
let world: StripeWorld;
let app: { id: string };

beforeAll(async () => {
  env = await startWebhookEnv("outbound_delivery", {
    env: { WEBHOOK_ALLOW_PRIVATE_URLS: "true", WEBHOOK_DELIVERY_INTERVAL_MS: "100", WEBHOOK_RETRY_BASE_MS: "150", WEBHOOK_MAX_ATTEMPTS: "4" },
  });
  api = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "outbound")).token);
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
  receiver = await startReceiver();
  world = new StripeWorld(env.fake.store, { name: "outbound" });
  app = world.price({ product: world.product(), metadata: { short_code: "APP" } });
});

afterAll(async () => {
  await env?.close();
  await receiver?.close();
});

async function addEndpoint(path: string, extra: Record<string, unknown> = {}) {
  const res = await api.post("/admin/webhook-endpoints", { url: `${receiver.url}${path}`, ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string; eventTypes: string[]; enabled: boolean };
}

const deliveriesOf = async (endpointId: string) => (await api.get(`/admin/webhook-endpoints/${endpointId}/deliveries`)).body.data as any[];

async function buyOne() {
  const purchase = world.checkout({ customer: world.customer({ email: "buyer@example.com" }), lines: [{ price: app, quantity: 1 }] });
  await deliverAll(env.backend, purchase.events);
  return env.backend.db.license.findFirstOrThrow({ where: { stripePaymentIntentId: purchase.paymentIntent.id } });
}

test("an endpoint is made with its secret shown once and stored sealed; listing never shows it", async () => {
  const endpoint = await addEndpoint("/listed", { description: "CRM", eventTypes: ["license.created", "license.created"] });
  expect(endpoint).toMatchObject({ enabled: true, description: "CRM", eventTypes: ["license.created"], secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{40,}$/) });
  const row = await env.backend.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
  expect(row.secretEnc).not.toContain(endpoint.secret.slice("whsec_".length));
  const listed = await api.get("/admin/webhook-endpoints");
  expect(listed.body.data.find((e: { id: string }) => e.id === endpoint.id)).toEqual({
    id: endpoint.id,
    url: `${receiver.url}/listed`,
    description: "CRM",
    eventTypes: ["license.created"],
    enabled: true,
    createdAt: expect.any(String),
  });
  expect(JSON.stringify(listed.body)).not.toContain("whsec_");
  expect((await api.delete(`/admin/webhook-endpoints/${endpoint.id}`)).status).toBe(204);
  expect((await api.delete(`/admin/webhook-endpoints/${endpoint.id}`)).status).toBe(404);
});

test("a receiver that fails twice and then succeeds sees exactly three attempts of one message, each signed", async () => {
  const endpoint = await addEndpoint("/flaky");
  receiver.answer = (req, nth) => (req.path === "/flaky" && nth <= 2 ? 500 : 200);
  const license = await buyOne();

  const [delivery] = await eventually(async () => {
    const rows = await deliveriesOf(endpoint.id);
    return rows.length === 1 && rows[0].status === "DELIVERED" ? rows : undefined;
  }, "the delivery to be DELIVERED");
  expect(delivery).toMatchObject({ eventType: "license.created", attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null, deliveredAt: expect.any(String) });

  const attempts = receiver.at("/flaky");
  expect(attempts).toHaveLength(3);
  const verifier = new Webhook(endpoint.secret);
  for (const attempt of attempts) {
    expect(attempt.headers["webhook-id"]).toBe(delivery.messageId);
    expect(verifier.verify(attempt.body, attempt.headers)).toMatchObject({ type: "license.created" });
  }
  expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
  // Backoff: the retries waited, the second longer than the first (150 ms, then 300 ms, ±20 %).
  expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(100);
  expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(200);

  const payload = JSON.parse(attempts[0]!.body);
  expect(payload).toEqual({
    type: "license.created",
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    data: {
      license: {
        id: license.id,
        key: license.key,
        status: "ACTIVE",
        product: "APP",
        licenseType: "perpetual",
        expiresAt: null,
        customer: { id: expect.stringMatching(/^cus_/), email: "buyer@example.com" },
        stripe: expect.objectContaining({ paymentIntent: license.stripePaymentIntentId, checkoutSession: license.stripeCheckoutSessionId }),
      },
      cause: { type: "STRIPE_EVENT", id: expect.stringMatching(/^evt_/), message: expect.any(String), historyId: expect.any(String) },
    },
  });
  // A tampered body does not verify.
  expect(() => verifier.verify(attempts[0]!.body.replace(license.key, "AAAAA-AAAAA-AAAAA-AAAAA"), attempts[0]!.headers)).toThrow();
  await api.delete(`/admin/webhook-endpoints/${endpoint.id}`);
});

test("resend sends the same message again with the same webhook-id", async () => {
  const endpoint = await addEndpoint("/resend");
  receiver.answer = () => 200;
  await buyOne();
  const [delivered] = await eventually(async () => {
    const rows = await deliveriesOf(endpoint.id);
    return rows[0]?.status === "DELIVERED" ? rows : undefined;
  }, "the first delivery");
  const resent = await api.post(`/admin/webhook-deliveries/${delivered.id}/resend`);
  expect(resent.status).toBe(200);
  expect(resent.body).toMatchObject({ id: delivered.id, status: "PENDING", attempts: 0, messageId: delivered.messageId });
  await eventually(() => (receiver.at("/resend").length === 2 ? true : undefined), "the resent message");
  const [first, second] = receiver.at("/resend");
  expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
  expect(second!.body).toBe(first!.body);
  expect(new Webhook(endpoint.secret).verify(second!.body, second!.headers)).toBeTruthy();
  await eventually(async () => ((await deliveriesOf(endpoint.id))[0].status === "DELIVERED" ? true : undefined), "the resent delivery DELIVERED");
  expect((await api.post("/admin/webhook-deliveries/no-such-delivery/resend")).status).toBe(404);
  await api.delete(`/admin/webhook-endpoints/${endpoint.id}`);
});

test("endpoints get only the types they asked for; a disabled endpoint gets nothing", async () => {
  const all = await addEndpoint("/all");
  const disables = await addEndpoint("/disables", { eventTypes: ["license.disabled"] });
  const off = await addEndpoint("/off");
  expect((await api.patch(`/admin/webhook-endpoints/${off.id}`, { enabled: false })).body).toMatchObject({ enabled: false });
  receiver.answer = () => 200;

  const license = await buyOne();
  expect((await api.post(`/admin/licenses/${license.id}/disable`, { reason: "chargeback" })).status).toBe(200);

  await eventually(async () => ((await deliveriesOf(all.id)).filter((d) => d.status === "DELIVERED").length === 2 ? true : undefined), "both messages to /all");
  await eventually(async () => ((await deliveriesOf(disables.id))[0]?.status === "DELIVERED" ? true : undefined), "the disable to /disables");
  expect((await deliveriesOf(all.id)).map((d) => d.eventType).sort()).toEqual(["license.created", "license.disabled"]);
  expect((await deliveriesOf(disables.id)).map((d) => d.eventType)).toEqual(["license.disabled"]);
  const disabled = JSON.parse(receiver.at("/disables")[0]!.body);
  expect(disabled.data).toMatchObject({ license: { id: license.id, status: "DISABLED" }, cause: { type: "ADMIN_API" } });
  expect(await deliveriesOf(off.id)).toEqual([]);
  expect(receiver.at("/off")).toEqual([]);
  for (const e of [all, disables, off]) await api.delete(`/admin/webhook-endpoints/${e.id}`);
});

test("after the last attempt a delivery is FAILED with the last answer, and no more attempts are made", async () => {
  const endpoint = await addEndpoint("/down");
  receiver.answer = (req) => (req.path === "/down" ? 503 : 200);
  await buyOne();
  const [failed] = await eventually(async () => {
    const rows = await deliveriesOf(endpoint.id);
    return rows[0]?.status === "FAILED" ? rows : undefined;
  }, "the delivery to fail");
  expect(failed).toMatchObject({ attempts: 4, lastStatusCode: 503, lastError: "HTTP 503: not now", nextAttemptAt: null, deliveredAt: null });
  await new Promise((r) => setTimeout(r, 500));
  expect(receiver.at("/down")).toHaveLength(4);
  const metrics = await (await fetch(`${env.backend.url}/metrics`)).text();
  expect(metrics).toMatch(/tessera_outbound_attempts_total\{result="failed"\} 1\n/);
  expect(metrics).toMatch(/tessera_outbound_attempts_total\{result="retry"\} [1-9]/);
  expect(metrics).toMatch(/tessera_outbound_backlog\{state="failed"\} 1\n/);
  await api.delete(`/admin/webhook-endpoints/${endpoint.id}`);
});

test("deliveries page with a cursor, newest first", async () => {
  const endpoint = await addEndpoint("/paged", { eventTypes: ["license.created"] });
  receiver.answer = () => 200;
  for (let i = 0; i < 3; i++) await buyOne();
  const first = await api.get(`/admin/webhook-endpoints/${endpoint.id}/deliveries?limit=2`);
  expect(first.body.data).toHaveLength(2);
  const second = await api.get(`/admin/webhook-endpoints/${endpoint.id}/deliveries?limit=2&cursor=${first.body.nextCursor}`);
  expect(second.body).toMatchObject({ nextCursor: null });
  expect(second.body.data).toHaveLength(1);
  const ids = [...first.body.data, ...second.body.data].map((d: { id: string }) => d.id);
  expect(new Set(ids).size).toBe(3);
  expect((await api.get(`/admin/webhook-endpoints/${endpoint.id}/deliveries?cursor=bogus`)).status).toBe(400);
  await api.delete(`/admin/webhook-endpoints/${endpoint.id}`);
});
