import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { historyOf, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { catalog, dropTwice, floatingSubscription, singleSubscription, upDownUp } from "../scenarios/subscription-quantity";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("sub_quantity");
  await seedCatalog(env.backend.db, env.backend.accountId, catalog);
});

afterAll(() => env?.close());

const world = (name: string) => new StripeWorld(env.fake.store, { name });

async function unitStates(subscriptionId: string) {
  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: subscriptionId });
  return licenses.sort((a, b) => a.unitIndex - b.unitIndex);
}

const statuses = (ls: { unitIndex: number; status: string }[]) => ls.map((l) => [l.unitIndex, l.status]);

test("quantity up creates licenses, down disables the newest, up again re-enables before creating", async () => {
  const steps = upDownUp(world("qty"));
  const start = steps.start();
  const sub = start.subscription;
  await deliverAll(env.backend, start.events);

  const up = steps.up();
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

  const down = steps.down();
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

  const upAgain = steps.upAgain();
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
  const steps = dropTwice(world("activations"));
  const start = steps.start();
  const sub = start.subscription;
  await deliverAll(env.backend, start.events);
  const [, , newest] = await unitStates(sub.id);
  await env.backend.db.activation.create({ data: { accountId: env.backend.accountId, licenseId: newest!.id, fingerprint: "machine-1" } });

  await deliverAll(env.backend, steps.toTwo().events);
  expect(statuses(await unitStates(sub.id))).toEqual([
    [0, "ACTIVE"],
    [1, "DISABLED"],
    [2, "ACTIVE"],
  ]);

  await deliverAll(env.backend, steps.toOne().events);
  expect(statuses(await unitStates(sub.id))).toEqual([
    [0, "DISABLED"],
    [1, "DISABLED"],
    [2, "ACTIVE"],
  ]);
});

test("a single-license subscription keeps one license whose limits follow the quantity", async () => {
  const steps = singleSubscription(world("singlesub"));
  const start = steps.start();
  const sub = start.subscription;
  await deliverAll(env.backend, start.events);
  let [license] = await unitStates(sub.id);
  expect(license).toMatchObject({ status: "ACTIVE", maxActivations: 6 });

  const up = steps.up();
  await deliverAll(env.backend, up.events);
  const licenses = await unitStates(sub.id);
  expect(licenses).toHaveLength(1);
  [license] = licenses;
  expect(license).toMatchObject({ status: "ACTIVE", maxActivations: 10 });
  expect(historyOf(license!).at(-1)).toEqual(["SPEC_CHANGED", up.events[0]!.id]);
});

test("floating users follow the quantity of a single floating license", async () => {
  const steps = floatingSubscription(world("floatsub"));
  const start = steps.start();
  const sub = start.subscription;
  await deliverAll(env.backend, start.events);
  expect(await unitStates(sub.id)).toEqual([expect.objectContaining({ floatingUsers: 4, maxActivations: 4 })]);

  await deliverAll(env.backend, steps.up().events);
  expect(await unitStates(sub.id)).toEqual([expect.objectContaining({ status: "ACTIVE", floatingUsers: 6, maxActivations: 6 })]);
});
