import { createApiKey } from "../../src/api-keys/api-key-store";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, type AdminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;

beforeAll(async () => {
  env = await startWebhookEnv("admin_events");
  api = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "events")).token);
});

afterAll(() => env?.close());

/** A paid checkout for a product the catalog does not have yet: its event fails with UNKNOWN_PRODUCT. */
async function failedPurchase(world: StripeWorld, shortCode: string) {
  const price = world.price({ product: world.product(), metadata: { short_code: shortCode } });
  const purchase = world.checkout({ customer: world.customer(), lines: [{ price, quantity: 1 }] });
  await deliverAll(env.backend, purchase.events);
  return purchase;
}

const licensesOfSession = (sessionId: string) => env.backend.db.license.count({ where: { stripeCheckoutSessionId: sessionId } });

test("a failed event is listed with its reason, replays as failed until the catalog is fixed, then licenses once", async () => {
  const world = new StripeWorld(env.fake.store, { name: "evone" });
  const purchase = await failedPurchase(world, "LATER");
  const eventId = purchase.events.at(-1)!.id;

  const failed = await api.get("/admin/events?status=FAILED");
  expect(failed.status).toBe(200);
  const [listed] = failed.body.data;
  expect(listed).toEqual({
    id: expect.any(String),
    stripeEventId: eventId,
    type: "checkout.session.completed",
    status: "FAILED",
    errorCode: "UNKNOWN_PRODUCT",
    outcome: 'No product with short_code "LATER" in the catalog',
    receivedAt: expect.any(String),
    replayCount: 0,
  });

  const tooEarly = await api.post(`/admin/events/${listed.id}/replay`);
  expect(tooEarly.status).toBe(200);
  expect(tooEarly.body).toMatchObject({ stripeEventId: eventId, status: "FAILED", errorCode: "UNKNOWN_PRODUCT" });

  await api.post("/admin/products", { shortCode: "LATER", name: "Later" });
  // Vendors see Stripe's event id, so a replay may name the event by it.
  const fixed = await api.post(`/admin/events/${eventId}/replay`);
  expect(fixed.body).toMatchObject({ id: listed.id, status: "PROCESSED", errorCode: null });
  expect(await licensesOfSession(purchase.session.id)).toBe(1);

  const again = await api.post(`/admin/events/${listed.id}/replay`);
  expect(again.status).toBe(409);
  expect(again.body.error.message).toBe(`Event ${eventId} is processed; only failed events are replayed`);
  expect((await api.get("/admin/events?status=PROCESSED")).body.data.find((e: { id: string }) => e.id === listed.id)).toMatchObject({ replayCount: 2 });
});

test("replaying all failed events runs each once and reports each", async () => {
  const world = new StripeWorld(env.fake.store, { name: "evall" });
  const a = await failedPurchase(world, "ALPHA");
  const b = await failedPurchase(world, "BETA");
  expect((await api.get("/admin/events")).body.data).toHaveLength(2);

  await api.post("/admin/products", { shortCode: "ALPHA", name: "Alpha" });
  const first = await api.post("/admin/events/replay");
  expect(first.status).toBe(200);
  expect(first.body.data.map((r: { stripeEventId: string; status: string }) => [r.stripeEventId, r.status])).toEqual([
    [a.events.at(-1)!.id, "PROCESSED"],
    [b.events.at(-1)!.id, "FAILED"],
  ]);

  await api.post("/admin/products", { shortCode: "BETA", name: "Beta" });
  const second = await api.post("/admin/events/replay");
  expect(second.body.data.map((r: { status: string }) => r.status)).toEqual(["PROCESSED"]);
  expect((await api.post("/admin/events/replay")).body.data).toEqual([]);
  expect(await licensesOfSession(a.session.id)).toBe(1);
  expect(await licensesOfSession(b.session.id)).toBe(1);
});
