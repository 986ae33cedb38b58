import { StripeWorld } from "../fake-stripe/world";
import { createApiKey } from "../../src/api-keys/api-key-store";
import { adminClient } from "../harness/admin";
import { deliverAll, TEST_ENCRYPTION_KEY } from "../harness/backend";
import { runCli } from "../harness/cli";
import { seedCatalog } from "../harness/catalog-seed";
import { licenseApiClient, signatureVerifies } from "../harness/license-api";
import { eventually, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: ReturnType<typeof licenseApiClient>;
const keys: Record<"APP" | "FLT" | "USE" | "HUB" | "MNT", string> = { APP: "", FLT: "", USE: "", HUB: "", MNT: "" };

beforeAll(async () => {
  // One-second leases: lapsing is seen without long waits.
  env = await startWebhookEnv("license_api_happy", { env: { FLOATING_LEASE_SECONDS: "1", VALIDATION_STAMP_INTERVAL_MS: "200" } });
  api = licenseApiClient(env.backend.url);
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [
      { shortCode: "APP", features: [{ code: "pro", name: "Pro" }], policies: [{ code: "std", isDefault: true, maxActivations: 2, features: ["pro"] }] },
      { shortCode: "FLT", policies: [{ code: "float", isDefault: true, maxActivations: 3, floatingCloud: 1 }] },
      { shortCode: "USE", policies: [{ code: "metered", isDefault: true, licenseType: "CONSUMPTION", maxConsumptions: 10 }] },
      { shortCode: "HUB", authorizationMethod: "USER", policies: [{ code: "seats", isDefault: true, maxLicenseUsers: 2, assignCustomerAsUser: true }] },
      { shortCode: "MNT", policies: [{ code: "yearly", isDefault: true, enableMaintenance: true, maintenanceDuration: "1y" }] },
    ],
  });
  const world = new StripeWorld(env.fake.store, { name: "licapi" });
  const customer = world.customer({ email: "Ada@Example.com" });
  const lines = ["APP", "FLT", "USE", "HUB", "MNT"].map((code) => ({ price: world.price({ product: world.product(), metadata: { short_code: code } }), quantity: 1 }));
  const purchase = world.checkout({ customer, lines });
  await deliverAll(env.backend, purchase.events);
  for (const l of await env.backend.db.license.findMany({ where: { accountId: env.backend.accountId }, include: { product: true } })) keys[l.product!.shortCode as keyof typeof keys] = l.key;
});

afterAll(() => env?.close());

test("activate, activate again (no second slot), validate, deactivate: the machine's life", async () => {
  const first = await api.activate({ key: keys.APP, fingerprint: "fp-1", name: "Ada's laptop", platform: "macos-arm64", metadata: { cores: 8 } });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({
    valid: true,
    code: "VALID",
    machine: { fingerprint: "fp-1", name: "Ada's laptop", platform: "macos-arm64", leaseExpiresAt: null },
    entitlements: { licenseType: "perpetual", product: "APP", features: ["pro"], maxActivations: 2, activationsUsed: 1 },
  });
  const again = await api.activate({ key: keys.APP.toLowerCase(), fingerprint: "fp-1" });
  expect(again.body).toMatchObject({ valid: true, code: "VALID", detail: "This machine was already activated", entitlements: { activationsUsed: 1 } });

  expect((await api.validate({ key: keys.APP, fingerprint: "fp-1", features: ["pro"] })).body).toMatchObject({ valid: true, code: "VALID", machine: { name: "Ada's laptop" } });
  expect((await api.validate({ key: keys.APP, fingerprint: "fp-2" })).body).toMatchObject({ valid: false, code: "NOT_ACTIVATED" });
  expect((await api.validate({ key: keys.APP, features: ["pro", "cloud"] })).body).toMatchObject({ valid: false, code: "FEATURE_MISSING", detail: "Not licensed: cloud" });

  expect((await api.activate({ key: keys.APP, fingerprint: "fp-2" })).body.code).toBe("VALID");
  const third = await api.activate({ key: keys.APP, fingerprint: "fp-3" });
  expect(third.body).toMatchObject({ valid: false, code: "TOO_MANY_ACTIVATIONS", entitlements: { activationsUsed: 2 } });
  expect((await api.validate({ key: keys.APP, fingerprint: "fp-3" })).body.code).toBe("TOO_MANY_ACTIVATIONS");

  const off = await api.deactivate({ key: keys.APP, fingerprint: "fp-2" });
  expect(off.body).toMatchObject({ valid: true, detail: "Machine deactivated", entitlements: { activationsUsed: 1 } });
  expect((await api.deactivate({ key: keys.APP, fingerprint: "fp-2" })).body.code).toBe("NOT_ACTIVATED");
  expect((await api.activate({ key: keys.APP, fingerprint: "fp-3" })).body.code).toBe("VALID");
  // A deactivated machine comes back only into a free slot.
  expect((await api.activate({ key: keys.APP, fingerprint: "fp-2" })).body.code).toBe("TOO_MANY_ACTIVATIONS");

  const license = await env.backend.db.license.findUniqueOrThrow({ where: { key: keys.APP }, include: { history: { orderBy: { createdAt: "asc" } }, activations: true } });
  expect(license.history.filter((h) => h.causeType === "LICENSE_API").map((h) => h.type)).toEqual(["MACHINE_ACTIVATED", "MACHINE_ACTIVATED", "MACHINE_DEACTIVATED", "MACHINE_ACTIVATED"]);
  expect(license.activations.find((a) => a.fingerprint === "fp-1")).toMatchObject({ name: "Ada's laptop", platform: "macos-arm64", metadata: { cores: 8 } });
});

test("answers are signed over their exact bytes with the account's published key, and carry the nonce and fingerprint", async () => {
  const published = await api.get(`/accounts/${env.backend.accountId}/public-key`);
  expect(published.status).toBe(200);
  expect(published.body.keys).toHaveLength(1);
  expect(published.body.keys[0]).toMatchObject({ algorithm: "ed25519", retiresAt: null });
  const answer = await api.validate({ key: keys.APP, fingerprint: "fp-1", nonce: "n-123" });
  expect(answer.body).toMatchObject({ nonce: "n-123", fingerprint: "fp-1", accountId: env.backend.accountId, keyId: published.body.keys[0].keyId });
  expect(Date.now() - Date.parse(answer.body.issuedAt)).toBeLessThan(10_000);
  expect(signatureVerifies(answer, published.body.keys)).toBe(true);
  const tampered = { ...answer, text: answer.text.replace('"valid":true', '"valid":false') };
  expect(signatureVerifies(tampered, published.body.keys)).toBe(false);
});

test("a floating lease lapses without heartbeats and frees its seat; heartbeats keep it", async () => {
  const first = await api.activate({ key: keys.FLT, fingerprint: "float-1" });
  expect(first.body).toMatchObject({ valid: true, machine: { leaseExpiresAt: expect.any(String) }, entitlements: { floatingUsers: 1 } });
  expect((await api.activate({ key: keys.FLT, fingerprint: "float-2" })).body.code).toBe("NO_FLOATING_SEAT");
  await new Promise((r) => setTimeout(r, 600));
  expect((await api.heartbeat({ key: keys.FLT, fingerprint: "float-1" })).body.code).toBe("VALID");
  await new Promise((r) => setTimeout(r, 600));
  expect((await api.validate({ key: keys.FLT, fingerprint: "float-1" })).body.code).toBe("VALID");
  await new Promise((r) => setTimeout(r, 1100));
  expect((await api.heartbeat({ key: keys.FLT, fingerprint: "float-1" })).body.code).toBe("NOT_ACTIVATED");
  expect((await api.activate({ key: keys.FLT, fingerprint: "float-2" })).body).toMatchObject({ valid: true, entitlements: { activationsUsed: 1 } });
});

test("consumption counts up to the limit and refuses past it without counting", async () => {
  expect((await api.consume({ key: keys.USE, amount: 7 })).body).toMatchObject({ valid: true, entitlements: { consumptionUsed: 7, maxConsumptions: 10 } });
  expect((await api.consume({ key: keys.USE, amount: 4 })).body).toMatchObject({ valid: false, code: "CONSUMPTION_EXCEEDED", entitlements: { consumptionUsed: 7 } });
  expect((await api.consume({ key: keys.USE, amount: 3 })).body).toMatchObject({ valid: true, entitlements: { consumptionUsed: 10 } });
  expect((await api.validate({ key: keys.USE })).body.code).toBe("CONSUMPTION_EXCEEDED");
  const history = await env.backend.db.licenseEvent.findMany({ where: { license: { key: keys.USE }, type: "UNITS_CONSUMED" } });
  expect(history).toHaveLength(2);
});

test("consumption counters start again at each paid billing period", async () => {
  const world = new StripeWorld(env.fake.store, { name: "licapimeter", start: Math.floor(Date.now() / 1000) });
  const price = world.price({ product: world.product(), recurring: { interval: "month" }, metadata: { short_code: "USE", license_type: "consumption" } });
  const sub = world.subscribe({ customer: world.customer(), items: [{ price, quantity: 1 }] });
  await deliverAll(env.backend, sub.events);
  const { key } = await env.backend.db.license.findFirstOrThrow({ where: { stripeSubscriptionId: sub.subscription.id } });
  expect((await api.consume({ key, amount: 10 })).body).toMatchObject({ valid: true, entitlements: { licenseType: "consumption", consumptionUsed: 10 } });
  expect((await api.consume({ key, amount: 1 })).body.code).toBe("CONSUMPTION_EXCEEDED");
  await deliverAll(env.backend, world.renew(sub.subscription).events);
  expect((await api.consume({ key, amount: 1 })).body).toMatchObject({ valid: true, entitlements: { consumptionUsed: 1 } });
});

test("a user-authorised license knows its users; the email's case does not matter", async () => {
  expect((await api.validate({ key: keys.HUB, userEmail: "ada@example.com" })).body.code).toBe("VALID");
  expect((await api.validate({ key: keys.HUB, userEmail: "eve@example.com" })).body).toMatchObject({ valid: false, code: "USER_NOT_AUTHORIZED" });
});

test("a version released after maintenance ended is MAINTENANCE_EXPIRED; one released within it is VALID", async () => {
  const later = new Date(Date.now() + 2 * 365 * 86_400_000).toISOString();
  expect((await api.validate({ key: keys.MNT, version: { name: "9.0", releasedAt: later } })).body.code).toBe("MAINTENANCE_EXPIRED");
  expect((await api.validate({ key: keys.MNT, version: { releasedAt: new Date().toISOString() } })).body.code).toBe("VALID");
});

test("an expired license answers EXPIRED and never activates; unpaid grace keeps it valid", async () => {
  const db = env.backend.db;
  await db.license.update({ where: { key: keys.MNT }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect((await api.validate({ key: keys.MNT })).body.code).toBe("EXPIRED");
  expect((await api.activate({ key: keys.MNT, fingerprint: "late" })).body).toMatchObject({ valid: false, code: "EXPIRED" });
  expect(await db.activation.count({ where: { license: { key: keys.MNT } } })).toBe(0);
  await db.license.update({ where: { key: keys.MNT }, data: { graceUntil: new Date(Date.now() + 60_000) } });
  expect((await api.validate({ key: keys.MNT })).body.code).toBe("VALID");
});

test("validation writes its last-validated stamp a moment later, in a batch", async () => {
  const before = new Date();
  await api.validate({ key: keys.HUB });
  await eventually(async () => {
    const l = await env.backend.db.license.findUniqueOrThrow({ where: { key: keys.HUB } });
    return l.lastValidatedAt && l.lastValidatedAt >= new Date(before.getTime() - 5) ? l : undefined;
  }, "lastValidatedAt stamped");
});

test("an offline file for an activated machine: signed, with an expiry; none for a machine that is not activated", async () => {
  const res = await api.checkout({ key: keys.APP, fingerprint: "fp-1", ttlSeconds: 86_400 });
  expect(res.status).toBe(200);
  expect(res.body.file).toMatch(/^-----BEGIN TESSERA LICENSE FILE-----\n[A-Za-z0-9+/=\n]+\n-----END TESSERA LICENSE FILE-----$/);
  expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(86_000_000);
  const none = await api.checkout({ key: keys.APP, fingerprint: "fp-9" });
  // Both of the license's slots are taken, so another machine cannot have one.
  expect(none.body).toMatchObject({ file: null, expiresAt: null, answer: { code: "TOO_MANY_ACTIVATIONS" } });
});

test("tessera signing-keys rotate: a new current key, the previous one published until its overlap ends; answers verify throughout", async () => {
  const before = (await api.get(`/accounts/${env.backend.accountId}/public-key`)).body.keys;
  const run = await runCli(["signing-keys", "rotate", "--account", env.backend.accountId, "--overlap-days", "7"], { DATABASE_URL: env.database.url, ENCRYPTION_KEY: TEST_ENCRYPTION_KEY });
  expect(run).toMatchObject({ code: 0 });
  const after = (await api.get(`/accounts/${env.backend.accountId}/public-key`)).body.keys;
  expect(after).toHaveLength(2);
  expect(after[0]).toMatchObject({ keyId: run.stdout.trim(), retiresAt: null });
  expect(after[1]).toMatchObject({ keyId: before[0].keyId, retiresAt: expect.any(String) });
  expect(Date.parse(after[1].retiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  expect(signatureVerifies(await api.validate({ key: keys.APP }), after)).toBe(true);
});

test("the vendor lists a license's machines and frees one through the admin API", async () => {
  const admin = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "machines")).token);
  const { id } = await env.backend.db.license.findUniqueOrThrow({ where: { key: keys.APP } });
  const listed = await admin.get(`/admin/licenses/${id}/activations`);
  expect(listed.status).toBe(200);
  expect(listed.body.data.map((m: { fingerprint: string }) => m.fingerprint)).toEqual(["fp-1", "fp-3"]);
  expect(listed.body.data[0]).toMatchObject({ name: "Ada's laptop", platform: "macos-arm64" });
  const freed = await admin.delete(`/admin/licenses/${id}/activations/${listed.body.data[1].id}`);
  expect(freed.status).toBe(200);
  expect(freed.body.activations.map((m: { fingerprint: string }) => m.fingerprint)).toEqual(["fp-1"]);
  expect(freed.body.history.at(-1)).toMatchObject({ type: "MACHINE_DEACTIVATED", causeType: "ADMIN_API" });
  expect((await api.activate({ key: keys.APP, fingerprint: "fp-4" })).body.code).toBe("VALID");
});
