import type Stripe from "stripe";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("sub_items_more");
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
});

afterAll(() => env?.close());

/** The event as Stripe sends it for a subscription with more items than its embedded list holds. */
function cutShort(event: Stripe.Event, keep: number): Stripe.CustomerSubscriptionUpdatedEvent {
  const e = event as Stripe.CustomerSubscriptionUpdatedEvent;
  const sub = e.data.object;
  return { ...e, data: { ...e.data, object: { ...sub, items: { ...sub.items, data: sub.items.data.slice(0, keep), has_more: true } } } };
}

test("a subscription event whose item list is cut short is read with every item, fetched from Stripe", async () => {
  const w = new StripeWorld(env.fake.store, { name: "more" });
  const product = w.product();
  const prices = [1, 2, 3].map(() => w.price({ product, recurring: { interval: "month" }, metadata: { short_code: "APP" } }));
  const start = w.subscribe({ customer: w.customer(), items: prices.map((price) => ({ price, quantity: 1 })) });
  await deliverAll(env.backend, start.events);

  const change = w.setQuantity(start.subscription, 2, 2);
  const [updated, ...rest] = change.events;
  expect(updated!.type).toBe("customer.subscription.updated");
  await deliverAll(env.backend, [cutShort(updated!, 1), ...rest]);

  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: start.subscription.id });
  expect(licenses).toHaveLength(4);
  expect(licenses.every((l) => l.status === "ACTIVE")).toBe(true);
  expect(env.fake.requests.some((r) => r.path === "/v1/subscription_items" && r.query.subscription === start.subscription.id)).toBe(true);
});
