import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { setPriceMetadata, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("price_cache");
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }],
  });
});

afterAll(() => env?.close());

const bought = async (w: StripeWorld, price: { id: string }) => {
  const purchase = w.checkout({ customer: w.customer(), lines: [{ price, quantity: 1 }] });
  await deliverAll(env.backend, purchase.events);
  const [license] = await licensesOf(env.backend.db, env.backend.accountId, { stripeCheckoutSessionId: purchase.session.id });
  return license!;
};

test("a price is read from Stripe once while cached, and again after price.updated", async () => {
  const w = new StripeWorld(env.fake.store, { name: "cache" });
  const price = w.price({ product: w.product(), metadata: { short_code: "APP", max_activations: "2" } });
  const reads = () => env.fake.requests.filter((r) => r.method === "GET" && r.path === `/v1/prices/${price.id}`).length;

  expect((await bought(w, price)).maxActivations).toBe(2);
  expect((await bought(w, price)).maxActivations).toBe(2);
  expect(reads()).toBe(1);

  const edited = setPriceMetadata(w, price, { short_code: "APP", max_activations: "5" });
  // Until Stripe tells us, the cached price stands (bounded by PRICE_CACHE_TTL_MS).
  expect((await bought(w, price)).maxActivations).toBe(2);
  const [answer] = await deliverAll(env.backend, [w.event("price.updated", edited, { metadata: { max_activations: "2" } })]);
  expect(answer).toMatchObject({ status: "PROCESSED", message: `Price ${price.id} will be read from Stripe again` });
  expect((await bought(w, price)).maxActivations).toBe(5);
  expect(reads()).toBe(2);
});
