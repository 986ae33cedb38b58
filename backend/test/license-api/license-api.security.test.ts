import { StripeWorld } from "../fake-stripe/world";
import { createOtherAccount } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { licenseApiClient } from "../harness/license-api";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: ReturnType<typeof licenseApiClient>;
let world: StripeWorld;
let fiveSeats: string;
let refunded: string;
let othersKey: string;

beforeAll(async () => {
  env = await startWebhookEnv("license_api_security");
  api = licenseApiClient(env.backend.url);
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [
      { shortCode: "FIVE", policies: [{ code: "std", isDefault: true, maxActivations: 5 }] },
      { shortCode: "APP", policies: [{ code: "std", isDefault: true, maxActivations: 3 }] },
    ],
  });
  world = new StripeWorld(env.fake.store, { name: "licsec" });
  const customer = world.customer({ email: "buyer@example.com" });
  const five = world.checkout({ customer, lines: [{ price: world.price({ product: world.product(), metadata: { short_code: "FIVE" } }) }] });
  const app = world.checkout({ customer, lines: [{ price: world.price({ product: world.product(), metadata: { short_code: "APP" } }) }] });
  await deliverAll(env.backend, [...five.events, ...app.events]);
  const keyOf = async (pi: string) => (await env.backend.db.license.findFirstOrThrow({ where: { stripePaymentIntentId: pi } })).key;
  fiveSeats = await keyOf(five.paymentIntent.id);
  refunded = await keyOf(app.paymentIntent.id);
  // Activated before the refund: the refund must not leave it usable either.
  expect((await api.activate({ key: refunded, fingerprint: "before-refund" })).body.code).toBe("VALID");
  await deliverAll(env.backend, world.refund(app.charge).events);

  const other = await createOtherAccount(env.backend.db, "licsec_other");
  othersKey = "OTHER-ACCOU-NTKEY-00001";
  await env.backend.db.license.create({
    data: { accountId: other, key: othersKey, licenseType: "PERPETUAL", spec: {}, maxActivations: 5, sourceKey: "other:1", unitIndex: 0 },
  });
});

afterAll(() => env?.close());

test("50 activations at once on a license with 5 slots: exactly 5 succeed, 45 are refused, no slot lost", async () => {
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => api.activate({ key: fiveSeats, fingerprint: `machine-${i}` })));
  expect(answers.every((a) => a.status === 200)).toBe(true);
  const codes = answers.map((a) => a.body.code);
  expect(codes.filter((c) => c === "VALID")).toHaveLength(5);
  expect(codes.filter((c) => c === "TOO_MANY_ACTIVATIONS")).toHaveLength(45);
  const license = await env.backend.db.license.findUniqueOrThrow({ where: { key: fiveSeats }, include: { activations: true } });
  expect(license.activations).toHaveLength(5);
  const winners = answers.filter((a) => a.body.valid).map((a) => a.body.machine.fingerprint).sort();
  expect(license.activations.map((a) => a.fingerprint).sort()).toEqual(winners);
  // Freeing one gives exactly one slot back.
  await api.deactivate({ key: fiveSeats, fingerprint: winners[0] });
  const again = await Promise.all(["late-1", "late-2", "late-3"].map((fp) => api.activate({ key: fiveSeats, fingerprint: fp })));
  expect(again.map((a) => a.body.code).sort()).toEqual(["TOO_MANY_ACTIVATIONS", "TOO_MANY_ACTIVATIONS", "VALID"]);
});

test("a refunded license is DISABLED: it validates as such and never activates, and the refusal writes nothing", async () => {
  expect((await api.validate({ key: refunded, fingerprint: "before-refund" })).body).toMatchObject({ valid: false, code: "DISABLED" });
  expect((await api.activate({ key: refunded, fingerprint: "after-refund" })).body).toMatchObject({ valid: false, code: "DISABLED" });
  const license = await env.backend.db.license.findUniqueOrThrow({ where: { key: refunded }, include: { activations: true, history: true } });
  expect(license.activations.map((a) => a.fingerprint)).toEqual(["before-refund"]);
  expect(license.history.filter((h) => h.causeType === "LICENSE_API")).toHaveLength(1);
});

test("a key of another account answers exactly like an unknown key when the request names its account", async () => {
  const pinned = { accountId: env.backend.accountId, fingerprint: "fp", nonce: "n" };
  const foreign = await api.validate({ key: othersKey, ...pinned });
  const unknown = await api.validate({ key: "NOSUC-HKEYX-XXXXX-XXXXX", ...pinned });
  const shape = (a: typeof foreign) => ({ status: a.status, signature: a.headers.get("tessera-signature"), body: { ...a.body, key: "k", issuedAt: "t" } });
  expect(shape(foreign)).toEqual(shape(unknown));
  expect(foreign.body).toMatchObject({ valid: false, code: "NOT_FOUND", entitlements: null });
  for (const verb of ["activate", "deactivate", "heartbeat", "consume"] as const) {
    expect([verb, (await api[verb]({ key: othersKey, ...pinned })).body.code]).toEqual([verb, "NOT_FOUND"]);
  }
  expect(await env.backend.db.activation.count({ where: { license: { key: othersKey } } })).toBe(0);
});

test("bad input answers 400 naming the field: NUL text, unknown fields, missing key, a body too large", async () => {
  const nul = await api.activate({ key: fiveSeats, fingerprint: "bad\u0000fp" });
  expect(nul.status).toBe(400);
  expect(nul.body.error).toMatchObject({ code: "invalid_request", details: [{ path: "body.fingerprint" }] });
  const unknown = await api.validate({ key: fiveSeats, fingreprint: "x" });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.details).toEqual([{ path: "body.fingreprint", message: "is not a known field" }]);
  const missing = await api.validate({});
  expect(missing.body.error.details).toEqual([expect.objectContaining({ path: "body.key" })]);
  expect((await api.consume({ key: fiveSeats, amount: 0 })).body.error.details).toEqual([expect.objectContaining({ path: "body.amount" })]);
  const malformed = await api.post("/licenses/validate", "{not json");
  expect(malformed.status).toBe(400);
  const huge = await api.activate({ key: fiveSeats, fingerprint: "x", metadata: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, "v".repeat(300)])) });
  expect(huge.status).toBe(413);
  expect(huge.body.error.code).toBe("payload_too_large");
});
