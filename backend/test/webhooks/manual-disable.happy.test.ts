import { changeStatusByHand } from "../../src/license-management/change-status";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { historyOf, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
const dashboardUser = { type: "DASHBOARD_USER" as const, id: "usr_support" };

beforeAll(async () => {
  env = await startWebhookEnv("manual_disable");
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 2 }] }],
  });
});

afterAll(() => env?.close());

function subscribe(name: string, quantity: number) {
  const w = new StripeWorld(env.fake.store, { name });
  const price = w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const start = w.subscribe({ customer: w.customer(), items: [{ price, quantity }] });
  return { w, start, sub: start.subscription };
}

async function units(subscriptionId: string) {
  const ls = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: subscriptionId });
  return ls.sort((a, b) => a.unitIndex - b.unitIndex);
}

function disableByHand(licenseId: string) {
  return changeStatusByHand(env.backend.db, env.backend.accountId, licenseId, false, "key leaked", dashboardUser);
}

const skipped = (license: { history: { type: string; causeId: string | null }[] }) =>
  historyOf(license).filter(([type]) => type === "AUTO_ENABLE_SKIPPED");

test("a quantity drop and rise never re-enables a license disabled by hand, and says so once", async () => {
  const { w, start, sub } = subscribe("qtymanual", 3);
  await deliverAll(env.backend, start.events);
  const newest = (await units(sub.id))[2]!;
  await disableByHand(newest.id);

  await deliverAll(env.backend, w.setQuantity(sub, 0, 2).events);
  let ls = await units(sub.id);
  expect(ls.map((l) => l.status)).toEqual(["ACTIVE", "ACTIVE", "DISABLED"]);

  const up = w.setQuantity(sub, 0, 3);
  await deliverAll(env.backend, up.events);
  ls = await units(sub.id);
  expect(ls[2]).toMatchObject({ status: "DISABLED", manuallyDisabled: true, disabledReason: "key leaked" });
  expect(skipped(ls[2]!)).toEqual([["AUTO_ENABLE_SKIPPED", up.events[0]!.id]]);

  // Renewing changes nothing about it: the skip was recorded when the automatic enable would have happened.
  const renewal = w.renew(sub);
  await deliverAll(env.backend, renewal.events);
  ls = await units(sub.id);
  expect(ls[2]!.status).toBe("DISABLED");
  expect(skipped(ls[2]!)).toHaveLength(1);
});

test("a quantity drop takes the license disabled by hand as the surplus: the quantity paid for still works", async () => {
  const { w, start, sub } = subscribe("qtysurplus", 3);
  await deliverAll(env.backend, start.events);
  const middle = (await units(sub.id))[1]!;
  await disableByHand(middle.id);

  await deliverAll(env.backend, w.setQuantity(sub, 0, 2).events);
  const ls = await units(sub.id);
  expect(ls.map((l) => [l.status, l.manuallyDisabled])).toEqual([
    ["ACTIVE", false],
    ["DISABLED", true],
    ["ACTIVE", false],
  ]);
  expect(historyOf(ls[2]!).map(([type]) => type)).toEqual(["CREATED"]);
});

test("a subscription that is live again re-enables the others but not the one disabled by hand", async () => {
  const { w, start, sub } = subscribe("statusmanual", 2);
  await deliverAll(env.backend, start.events);
  const first = (await units(sub.id))[0]!;
  await disableByHand(first.id);

  await deliverAll(env.backend, w.setStatus(sub, "unpaid").events);
  expect((await units(sub.id)).map((l) => l.status)).toEqual(["DISABLED", "DISABLED"]);

  const active = w.setStatus(sub, "active");
  await deliverAll(env.backend, active.events);
  const [byHand, other] = await units(sub.id);
  expect(other!.status).toBe("ACTIVE");
  expect(byHand).toMatchObject({ status: "DISABLED", manuallyDisabled: true });
  expect(skipped(byHand!)).toEqual([["AUTO_ENABLE_SKIPPED", active.events[0]!.id]]);
  expect(historyOf(byHand!).find(([type]) => type === "DISABLED")).toEqual(["DISABLED", dashboardUser.id]);
});

test("enabling by hand lifts it: the next automatic change applies again", async () => {
  const { w, start, sub } = subscribe("handenable", 1);
  await deliverAll(env.backend, start.events);
  const [license] = await units(sub.id);
  await disableByHand(license!.id);
  await changeStatusByHand(env.backend.db, env.backend.accountId, license!.id, true, "customer verified", dashboardUser);

  const unpaid = w.setStatus(sub, "unpaid");
  await deliverAll(env.backend, unpaid.events);
  const [after] = await units(sub.id);
  expect(after).toMatchObject({ status: "DISABLED", manuallyDisabled: false, disabledReason: "subscription unpaid" });
  await deliverAll(env.backend, w.setStatus(sub, "active").events);
  expect((await units(sub.id))[0]!.status).toBe("ACTIVE");
});
