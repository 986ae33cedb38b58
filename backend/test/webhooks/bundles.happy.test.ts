import { StripeWorld } from "../fake-stripe/world";
import { deliverAll, licensesOf } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { at, historyOf, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";
import { bundleOnce, bundleSubscription, catalog, MEMBER_ACTIVATIONS } from "../scenarios/bundles";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("bundles");
  await seedCatalog(env.backend.db, env.backend.accountId, catalog);
});

afterAll(() => env?.close());

async function expectBundleSet(licenses: Awaited<ReturnType<typeof licensesOf>>, units: number) {
  const bundle = await env.backend.db.bundle.findFirstOrThrow({ where: { accountId: env.backend.accountId, code: "SUITE" } });
  const products = await env.backend.db.product.findMany({ where: { accountId: env.backend.accountId } });
  const productId = (code: string) => products.find((p) => p.shortCode === code)!.id;

  expect(licenses).toHaveLength(units * 4);
  const shape = licenses.map((l) => [l.unitIndex, l.bundleMemberCode]).sort();
  expect(shape).toEqual(
    Array.from({ length: units }, (_, u) => [[u, ""], [u, "EDIT"], [u, "RENDER"], [u, "SHARE"]]).flat().sort(),
  );
  for (const l of licenses) {
    expect(l.bundleId).toBe(bundle.id);
    expect(l.status).toBe("ACTIVE");
    if (l.bundleMemberCode === "") {
      expect(l).toMatchObject({ productId: null, maxActivations: 5 });
      expect([...(l.spec as any).features].sort()).toEqual(["edit-pro", "render-pro", "share-pro"]);
    } else {
      // Members follow their product's default policy, not the bundle price's overrides.
      expect(l).toMatchObject({ productId: productId(l.bundleMemberCode), maxActivations: MEMBER_ACTIVATIONS[l.bundleMemberCode] });
      expect(l.spec).toMatchObject({ policyCode: "std", features: [`${l.bundleMemberCode.toLowerCase()}-pro`] });
    }
  }
}

test("a one-off bundle of three products makes a bundle license and one per member for each unit", async () => {
  const purchase = bundleOnce(new StripeWorld(env.fake.store, { name: "bundleonce" })).purchase();
  expect((await deliverAll(env.backend, purchase.events)).map((a) => a.status)).toEqual(["PROCESSED"]);

  const licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeCheckoutSessionId: purchase.session.id });
  await expectBundleSet(licenses, 2);
  for (const l of licenses) {
    expect(l).toMatchObject({ licenseType: "PERPETUAL", expiresAt: null, stripePaymentIntentId: purchase.paymentIntent.id });
    expect(historyOf(l)).toEqual([["CREATED", purchase.events[0]!.id]]);
  }
});

test("a bundle subscription grows by whole bundles and renews every member", async () => {
  const steps = bundleSubscription(new StripeWorld(env.fake.store, { name: "bundlesub" }));
  const start = steps.start();
  await deliverAll(env.backend, start.events);
  const sub = start.subscription;
  let licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: sub.id });
  await expectBundleSet(licenses, 1);
  for (const l of licenses) {
    expect(l).toMatchObject({ licenseType: "SUBSCRIPTION", expiresAt: at(sub.items.data[0]!.current_period_end) });
  }

  await deliverAll(env.backend, steps.grow().events);
  licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: sub.id });
  await expectBundleSet(licenses, 2);

  const renewal = steps.renewal();
  await deliverAll(env.backend, renewal.events);
  licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: sub.id });
  for (const l of licenses) expect(l.expiresAt).toEqual(at(renewal.subscription.items.data[0]!.current_period_end));

  await deliverAll(env.backend, steps.shrink().events);
  licenses = await licensesOf(env.backend.db, env.backend.accountId, { stripeSubscriptionId: sub.id });
  expect(licenses.filter((l) => l.status === "DISABLED").map((l) => [l.unitIndex, l.bundleMemberCode]).sort()).toEqual([
    [1, ""],
    [1, "EDIT"],
    [1, "RENDER"],
    [1, "SHARE"],
  ]);
});
