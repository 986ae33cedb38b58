import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, TEST_SECRET_KEY, TEST_WEBHOOK_SECRET } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { runCli } from "../harness/cli";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(120_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("cli_events");
});

afterAll(() => env?.close());

// The CLI reaches Stripe (the fake) with the same settings as the server.
const cli = (...args: string[]) =>
  runCli(args, { DATABASE_URL: env.database.url, STRIPE_SECRET_KEY: TEST_SECRET_KEY, STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_URL: env.fake.url });

test("events failed lists a failed event with its reason; events replay runs it again once the catalog is fixed", async () => {
  const world = new StripeWorld(env.fake.store, { name: "clievents" });
  const price = world.price({ product: world.product(), metadata: { short_code: "LATER" } });
  const purchase = world.checkout({ customer: world.customer(), lines: [{ price, quantity: 1 }] });
  await deliverAll(env.backend, purchase.events);
  const eventId = purchase.events.at(-1)!.id;

  const failed = await cli("events", "failed", "--account", "self:test");
  expect(failed.code).toBe(0);
  expect(failed.stdout).toContain(eventId);
  expect(failed.stdout).toContain('UNKNOWN_PRODUCT  ');
  expect(failed.stdout).toContain('No product with short_code "LATER" in the catalog');

  const still = await cli("events", "replay", eventId, "--account", "self:test");
  expect(still.code).toBe(1);
  expect(still.stdout).toBe(`${eventId} checkout.session.completed: FAILED UNKNOWN_PRODUCT: No product with short_code "LATER" in the catalog\n`);
  expect(still.stderr).toBe("error: 1 of 1 event still failed\n");

  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "LATER" }] });
  const replayed = await cli("events", "replay", "--all", "--account", "self:test");
  expect(replayed.code).toBe(0);
  expect(replayed.stdout).toMatch(new RegExp(`^${eventId} checkout.session.completed: PROCESSED: `));
  expect(await env.backend.db.license.count({ where: { stripeCheckoutSessionId: purchase.session.id } })).toBe(1);

  expect((await cli("events", "replay", "--account", "self:test")).stderr).toBe("error: Name one event to replay, or pass --all (not both)\n");
  expect((await cli("events", "failed", "--account", "self:test")).stderr).toBe("No failed events.\n");
});
