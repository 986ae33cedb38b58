import { Webhook } from "standardwebhooks";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, TEST_ENCRYPTION_KEY, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { runCli } from "../harness/cli";
import { eventually, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { startReceiver, type Receiver } from "../harness/webhook-receiver";

jest.setTimeout(120_000);

let env: WebhookEnv;
let receiver: Receiver;

beforeAll(async () => {
  env = await startWebhookEnv("cli_webhooks", { env: { WEBHOOK_ALLOW_PRIVATE_URLS: "true", WEBHOOK_DELIVERY_INTERVAL_MS: "100" } });
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
  receiver = await startReceiver();
});

afterAll(async () => {
  await env?.close();
  await receiver?.close();
});

const cli = (...args: string[]) =>
  runCli(args, {
    DATABASE_URL: env.database.url,
    STRIPE_SECRET_KEY: TEST_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    WEBHOOK_ALLOW_PRIVATE_URLS: "true",
  });

test("webhooks add, list, deliveries, resend and disable, as an operator runs them", async () => {
  const added = await cli("webhooks", "add", `${receiver.url}/cli`, "--account", "self:test", "--events", "license.created", "--description", "CRM");
  expect(added.code).toBe(0);
  const [endpointId, secret] = added.stdout.trim().split(/\s+/);
  expect(secret).toMatch(/^whsec_/);

  const listed = await cli("webhooks", "list", "--account", "self:test");
  expect(listed.stdout).toContain(endpointId);
  expect(listed.stdout).toContain("license.created");
  expect(listed.stdout).not.toContain(secret);

  const world = new StripeWorld(env.fake.store, { name: "cliwebhooks" });
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  await deliverAll(env.backend, world.checkout({ customer: world.customer(), lines: [{ price, quantity: 1 }] }).events);
  await eventually(() => (receiver.at("/cli").length === 1 ? true : undefined), "the message");
  expect(new Webhook(secret!).verify(receiver.at("/cli")[0]!.body, receiver.at("/cli")[0]!.headers)).toMatchObject({ type: "license.created" });

  const deliveries = await eventually(async () => {
    const run = await cli("webhooks", "deliveries", endpointId!, "--account", "self:test");
    return run.stdout.includes("DELIVERED") ? run : undefined;
  }, "the delivery listed as DELIVERED");
  const deliveryId = deliveries.stdout.split("\n")[1]!.split(/\s+/)[0]!;

  expect((await cli("webhooks", "resend", deliveryId, "--account", "self:test")).stdout).toBe(`${deliveryId} PENDING, due now\n`);
  await eventually(() => (receiver.at("/cli").length === 2 ? true : undefined), "the resent message");

  expect((await cli("webhooks", "disable", endpointId!, "--account", "self:test")).stdout).toBe(`${endpointId} disabled\n`);
  expect((await env.backend.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId! } })).enabled).toBe(false);
});

test("add refuses what the API refuses, and says why", async () => {
  const bad = await cli("webhooks", "add", "not a url", "--account", "self:test");
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/^error: url: /);
  const unknownType = await cli("webhooks", "add", "https://example.com/x", "--account", "self:test", "--events", "license.exploded");
  expect(unknownType.stderr).toMatch(/^error: eventTypes\.0: /);
});
