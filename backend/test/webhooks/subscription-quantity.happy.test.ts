import type Stripe from "stripe";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { historyOf, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("sub_quantity");
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }],
  });
});

afterAll(() => env?.close());

function subscribe(name: string, quantity: number, metadata: Stripe.Metadata = { short_code: "APP" }) {
  const w = new StripeWorld(env.fake.store, { name });
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata });
  const start = w.subscribe({ customer: w.customer(), items: [{ price, quantity }] });
  return { w, start, sub: start.subscription };
}

async function unitStates(subscriptionId: string) {
  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: subscriptionId });
  return licenses.sort((a, b) => a.unitIndex - b.unitIndex);
}

const statuses = (ls: { unitIndex: number; status: string }[]) => ls.map((l) => [l.unitIndex, l.status]);

test("quantity up creates licenses, down disables the newest, up again re-enables before creating", async () => {
  const { w, start, sub } = subscribe("qty", 2);
  await deliverAll(env.backend, start.events);

  const up = w.setQuantity(sub, 0, 4, { invoiceNow: true });
  expect(up.events.map((e) => e.type)).toEqual(["customer.subscription.updated", "invoice.paid"]);
  expect((await deliverAll(env.backend, up.events)).map((a) => a.status)).toEqual(["PROCESSED", "PROCESSED"]);
  let units = await unitStates(sub.id);
  expect(statuses(units)).toEqual([
    [0, "ACTIVE"],
    [1, "ACTIVE"],
    [2, "ACTIVE"],
    [3, "ACTIVE"],
  ]);
  expect(historyOf(units[3]!)).toEqual([["CREATED", up.events[0]!.id]]);
  const keys = units.map((l) => l.key);

  const down = w.setQuantity(sub, 0, 2);
  await deliverAll(env.backend, down.events);
  units = await unitStates(sub.id);
  expect(statuses(units)).toEqual([
    [0, "ACTIVE"],
    [1, "ACTIVE"],
    [2, "DISABLED"],
    [3, "DISABLED"],
  ]);
  expect(units[3]!.disabledReason).toBe("quantity reduced");
  expect(historyOf(units[2]!).at(-1)).toEqual(["DISABLED", down.events[0]!.id]);

  const upAgain = w.setQuantity(sub, 0, 3);
  await deliverAll(env.backend, upAgain.events);
  units = await unitStates(sub.id);
  expect(units.map((l) => l.key)).toEqual(keys);
  expect(statuses(units)).toEqual([
    [0, "ACTIVE"],
    [1, "ACTIVE"],
    [2, "ACTIVE"],
    [3, "DISABLED"],
  ]);
  expect(historyOf(units[2]!).at(-1)).toEqual(["ENABLED", upAgain.events[0]!.id]);
});

test("a quantity drop keeps the licenses in use: the newest license without activations goes first", async () => {
  const { w, start, sub } = subscribe("activations", 3);
  await deliverAll(env.backend, start.events);
  const [, , newest] = await unitStates(sub.id);
  await env.backend.db.activation.create({ data: { accountId: env.backend.accountId, licenseId: newest!.id, fingerprint: "machine-1" } });

  await deliverAll(env.backend, w.setQuantity(sub, 0, 2).events);
  expect(statuses(await unitStates(sub.id))).toEqual([
    [0, "ACTIVE"],
    [1, "DISABLED"],
    [2, "ACTIVE"],
  ]);

  await deliverAll(env.backend, w.setQuantity(sub, 0, 1).events);
  expect(statuses(await unitStates(sub.id))).toEqual([
    [0, "DISABLED"],
    [1, "DISABLED"],
    [2, "ACTIVE"],
  ]);
});

test("a single-license subscription keeps one license whose limits follow the quantity", async () => {
  const { w, start, sub } = subscribe("singlesub", 3, { short_code: "APP", is_single_license: "true" });
  await deliverAll(env.backend, start.events);
  let [license] = await unitStates(sub.id);
  expect(license).toMatchObject({ status: "ACTIVE", maxActivations: 6 });

  const up = w.setQuantity(sub, 0, 5);
  await deliverAll(env.backend, up.events);
  const licenses = await unitStates(sub.id);
  expect(licenses).toHaveLength(1);
  [license] = licenses;
  expect(license).toMatchObject({ status: "ACTIVE", maxActivations: 10 });
  expect(historyOf(license!).at(-1)).toEqual(["SPEC_CHANGED", up.events[0]!.id]);
});

test("floating users follow the quantity of a single floating license", async () => {
  const { w, start, sub } = subscribe("floatsub", 4, {
    short_code: "APP",
    is_single_license: "true",
    floating_cloud: "1",
    floating_users_from_quantity: "true",
  });
  await deliverAll(env.backend, start.events);
  expect(await unitStates(sub.id)).toEqual([expect.objectContaining({ floatingUsers: 4, maxActivations: 4 })]);

  await deliverAll(env.backend, w.setQuantity(sub, 0, 6).events);
  expect(await unitStates(sub.id)).toEqual([expect.objectContaining({ status: "ACTIVE", floatingUsers: 6, maxActivations: 6 })]);
});
