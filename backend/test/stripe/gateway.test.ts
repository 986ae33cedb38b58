import { createStripeClient } from "../../src/stripe/stripe-client";
import { licenseKeysMetadata, StripeGateway } from "../../src/stripe/gateway";
import { startFakeStripe, type FakeStripe } from "../fake-stripe/server";
import { StripeWorld } from "../fake-stripe/world";

let fake: FakeStripe;
let world: StripeWorld;
let gateway: StripeGateway;

beforeAll(async () => {
  fake = await startFakeStripe();
  world = new StripeWorld(fake.store, { name: "gateway" });
  gateway = new StripeGateway(createStripeClient("sk_test_gateway", new URL(fake.url)));
});

afterAll(() => fake?.close());

// The gateway turns stack capture off while the SDK starts a request; anything left changed would strip
// every later error in the process of its stack.
test("a write-back, a price read and a refused call leave stack traces as they were", async () => {
  const before = Error.stackTraceLimit;
  const price = world.price({ product: world.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const { subscription } = world.subscribe({ customer: world.customer(), items: [{ price, quantity: 1 }] });

  await gateway.writeLicenseKeys("subscription", subscription.id, ["KEY-1", "KEY-2"]);
  expect(fake.store.platform.get("subscription", subscription.id)?.metadata).toEqual({ license_keys: "KEY-1,KEY-2" });
  expect((await gateway.price(price.id)).metadata).toEqual({ short_code: "APP" });
  await expect(gateway.writeLicenseKeys("payment_intent", "pi_missing", ["KEY-3"])).rejects.toThrow(/No such payment_intent: 'pi_missing'/);

  expect(Error.stackTraceLimit).toBe(before);
  expect(new Error("still traced").stack?.split("\n").length).toBeGreaterThan(1);
});

test("keys past the 20 metadata slots are cut, and license_keys_count tells how many there are", () => {
  const keys = Array.from({ length: 500 }, (_, i) => `K${String(i).padStart(4, "0")}-AAAAA-BBBBB-CCCCC`);
  const metadata = licenseKeysMetadata(keys);
  expect(Object.values(metadata).every((v) => v.length <= 500)).toBe(true);
  expect(metadata.license_keys_20).not.toBe("");
  expect(metadata.license_keys_count).toBe("500");
  expect(licenseKeysMetadata(keys.slice(0, 3)).license_keys_count).toBe("");
});
