import { createApiKey, revokeApiKey } from "../../src/api-keys/api-key-store";
import { adminApi } from "../../src/http/routes/admin";
import { adminClient, createOtherAccount, type AdminClient } from "../harness/admin";
import { seedCatalog } from "../harness/catalog-seed";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;
let revokedToken: string;
let other: {
  accountId: string;
  licenseId: string;
  activationId: string;
  eventId: string;
  customer: string;
  writebackId: string;
  mailId: string;
  endpointId: string;
  deliveryId: string;
};

interface Ids {
  product: string;
  policy: string;
  bundle: string;
  license: string;
  activation: string;
  email: string;
  event: string;
  writeback: string;
  mail: string;
  endpoint: string;
  delivery: string;
}

const UNKNOWN: Ids = {
  product: "NOPE",
  policy: "nope",
  bundle: "GHOST",
  license: "00000000-0000-4000-8000-000000000000",
  email: "nobody@example.com",
  event: "evt_unknown",
  writeback: "00000000-0000-4000-8000-000000000001",
  mail: "00000000-0000-4000-8000-000000000002",
  endpoint: "00000000-0000-4000-8000-000000000003",
  delivery: "00000000-0000-4000-8000-000000000004",
  activation: "00000000-0000-4000-8000-000000000005",
};

/** Every admin route, with a request that would succeed for ids of the key's own account. */
const ROUTES: { method: string; template: string; path: (ids: Ids) => string; body?: unknown; scoped: boolean }[] = [
  { method: "GET", template: "/admin/products", path: () => "/admin/products", scoped: false },
  { method: "POST", template: "/admin/products", path: () => "/admin/products", body: { shortCode: "NEW", name: "New" }, scoped: false },
  { method: "GET", template: "/admin/products/{shortCode}", path: (i) => `/admin/products/${i.product}`, scoped: true },
  { method: "PATCH", template: "/admin/products/{shortCode}", path: (i) => `/admin/products/${i.product}`, body: { name: "Renamed" }, scoped: true },
  { method: "DELETE", template: "/admin/products/{shortCode}", path: (i) => `/admin/products/${i.product}`, scoped: true },
  { method: "GET", template: "/admin/products/{shortCode}/policies", path: (i) => `/admin/products/${i.product}/policies`, scoped: true },
  { method: "POST", template: "/admin/products/{shortCode}/policies", path: (i) => `/admin/products/${i.product}/policies`, body: { code: "extra", name: "Extra" }, scoped: true },
  { method: "PATCH", template: "/admin/products/{shortCode}/policies/{code}", path: (i) => `/admin/products/${i.product}/policies/${i.policy}`, body: { maxActivations: 9 }, scoped: true },
  { method: "DELETE", template: "/admin/products/{shortCode}/policies/{code}", path: (i) => `/admin/products/${i.product}/policies/${i.policy}`, scoped: true },
  { method: "GET", template: "/admin/bundles", path: () => "/admin/bundles", scoped: false },
  { method: "POST", template: "/admin/bundles", path: () => "/admin/bundles", body: { code: "NEWB", name: "New", members: ["MINE"] }, scoped: false },
  { method: "GET", template: "/admin/bundles/{code}", path: (i) => `/admin/bundles/${i.bundle}`, scoped: true },
  { method: "PATCH", template: "/admin/bundles/{code}", path: (i) => `/admin/bundles/${i.bundle}`, body: { name: "Renamed" }, scoped: true },
  { method: "DELETE", template: "/admin/bundles/{code}", path: (i) => `/admin/bundles/${i.bundle}`, scoped: true },
  { method: "GET", template: "/admin/licenses", path: () => "/admin/licenses?key=AAAAA-AAAAA-AAAAA-AAAAA", scoped: false },
  { method: "GET", template: "/admin/licenses/{id}", path: (i) => `/admin/licenses/${i.license}`, scoped: true },
  { method: "POST", template: "/admin/licenses/{id}/enable", path: (i) => `/admin/licenses/${i.license}/enable`, body: { reason: "r" }, scoped: true },
  { method: "POST", template: "/admin/licenses/{id}/disable", path: (i) => `/admin/licenses/${i.license}/disable`, body: { reason: "r" }, scoped: true },
  { method: "GET", template: "/admin/licenses/{id}/activations", path: (i) => `/admin/licenses/${i.license}/activations`, scoped: true },
  { method: "DELETE", template: "/admin/licenses/{id}/activations/{activationId}", path: (i) => `/admin/licenses/${i.license}/activations/${i.activation}`, scoped: true },
  { method: "GET", template: "/admin/licenses/{id}/users", path: (i) => `/admin/licenses/${i.license}/users`, scoped: true },
  { method: "POST", template: "/admin/licenses/{id}/users", path: (i) => `/admin/licenses/${i.license}/users`, body: { email: "new@example.com" }, scoped: true },
  { method: "DELETE", template: "/admin/licenses/{id}/users/{email}", path: (i) => `/admin/licenses/${i.license}/users/${i.email}`, scoped: true },
  { method: "GET", template: "/admin/events", path: () => "/admin/events?status=FAILED", scoped: false },
  { method: "POST", template: "/admin/events/replay", path: () => "/admin/events/replay", scoped: false },
  { method: "POST", template: "/admin/events/{id}/replay", path: (i) => `/admin/events/${i.event}/replay`, scoped: true },
  { method: "GET", template: "/admin/writebacks", path: () => "/admin/writebacks", scoped: false },
  { method: "POST", template: "/admin/writebacks/retry", path: () => "/admin/writebacks/retry", scoped: false },
  { method: "POST", template: "/admin/writebacks/{id}/retry", path: (i) => `/admin/writebacks/${i.writeback}/retry`, scoped: true },
  { method: "GET", template: "/admin/mail-template", path: () => "/admin/mail-template", scoped: false },
  { method: "PUT", template: "/admin/mail-template", path: () => "/admin/mail-template", body: { subject: "Key", body: "{{license_key}}" }, scoped: false },
  { method: "DELETE", template: "/admin/mail-template", path: () => "/admin/mail-template", scoped: false },
  { method: "GET", template: "/admin/mail-messages", path: () => "/admin/mail-messages", scoped: false },
  { method: "POST", template: "/admin/mail-messages/{id}/retry", path: (i) => `/admin/mail-messages/${i.mail}/retry`, scoped: true },
  { method: "GET", template: "/admin/webhook-endpoints", path: () => "/admin/webhook-endpoints", scoped: false },
  { method: "POST", template: "/admin/webhook-endpoints", path: () => "/admin/webhook-endpoints", body: { url: "https://example.com/hook" }, scoped: false },
  { method: "PATCH", template: "/admin/webhook-endpoints/{id}", path: (i) => `/admin/webhook-endpoints/${i.endpoint}`, body: { description: "mine now" }, scoped: true },
  { method: "DELETE", template: "/admin/webhook-endpoints/{id}", path: (i) => `/admin/webhook-endpoints/${i.endpoint}`, scoped: true },
  { method: "GET", template: "/admin/webhook-endpoints/{id}/deliveries", path: (i) => `/admin/webhook-endpoints/${i.endpoint}/deliveries`, scoped: true },
  { method: "POST", template: "/admin/webhook-deliveries/{id}/resend", path: (i) => `/admin/webhook-deliveries/${i.delivery}/resend`, scoped: true },
];

const OTHER_IDS = (): Ids => ({
  product: "THEIRS",
  policy: "theirs-std",
  bundle: "THEIR-SUITE",
  license: other.licenseId,
  email: "user@other.example",
  event: other.eventId,
  writeback: other.writebackId,
  mail: other.mailId,
  endpoint: other.endpointId,
  delivery: other.deliveryId,
  activation: other.activationId,
});

beforeAll(async () => {
  env = await startWebhookEnv("admin_security");
  const db = env.backend.db;
  api = adminClient(env.backend.url, (await createApiKey(db, env.backend.accountId, "mine")).token);
  const revoked = await createApiKey(db, env.backend.accountId, "revoked");
  await revokeApiKey(db, revoked.prefix);
  revokedToken = revoked.token;
  await seedCatalog(db, env.backend.accountId, { products: [{ shortCode: "MINE", policies: [{ code: "std", isDefault: true }] }] });

  // The other tenant has something behind every route.
  const accountId = await createOtherAccount(db, "other");
  await seedCatalog(db, accountId, {
    products: [
      { shortCode: "THEIRS", authorizationMethod: "USER", policies: [{ code: "std", isDefault: true }, { code: "theirs-std" }] },
      { shortCode: "THEIRS-2" },
    ],
    bundles: [{ code: "THEIR-SUITE", members: ["THEIRS-2"] }],
  });
  const customer = await db.customer.create({ data: { accountId, stripeCustomerId: "cus_other", email: "user@other.example" } });
  const license = await db.license.create({
    data: {
      accountId,
      key: "OTHER-OTHER-OTHER-OTHER",
      customerId: customer.id,
      licenseType: "PERPETUAL",
      spec: { authorizationMethod: "user", productCode: "THEIRS" },
      maxActivations: 1,
      maxLicenseUsers: 5,
      sourceKey: "other-1",
      unitIndex: 0,
      users: { create: { accountId, email: "user@other.example" } },
    },
  });
  const event = await db.webhookEvent.create({
    data: {
      accountId,
      stripeEventId: "evt_other_1",
      type: "checkout.session.completed",
      livemode: false,
      stripeCreatedAt: new Date(),
      payload: {},
      status: "FAILED",
      outcome: 'No product with short_code "X" in the catalog',
      errorCode: "UNKNOWN_PRODUCT",
    },
  });
  const writeback = await db.stripeWriteback.create({
    data: { accountId, objectType: "subscription", objectId: "sub_other", parkedAt: new Date(), lastError: "No such subscription" },
  });
  const activation = await db.activation.create({ data: { accountId, licenseId: license.id, fingerprint: "their-machine" } });
  await db.mailTemplate.create({ data: { accountId, subject: "Their key", body: "{{license_key}}" } });
  const mail = await db.mailMessage.create({
    data: { accountId, purchase: "in_other", licenseIds: [license.id], toEmail: "user@other.example", status: "FAILED", attempts: 10, lastError: "550 no such mailbox" },
  });
  // Disabled, so the delivery worker leaves its delivery alone.
  const endpoint = await db.webhookEndpoint.create({ data: { accountId, url: "https://other.example/hook", secretEnc: "sealed", enabled: false } });
  const delivery = await db.webhookDelivery.create({
    data: { accountId, endpointId: endpoint.id, messageId: "msg_other", eventType: "license.created", payload: {}, status: "FAILED", attempts: 12 },
  });
  other = {
    accountId,
    licenseId: license.id,
    eventId: event.id,
    customer: "cus_other",
    writebackId: writeback.id,
    mailId: mail.id,
    endpointId: endpoint.id,
    deliveryId: delivery.id,
    activationId: activation.id,
  };
});

afterAll(() => env?.close());

test("the route table here covers every admin route the server has", () => {
  const served = adminApi({ ...env.deps, maxBodyBytes: 1024, outbound: { box: null, allowPrivateUrls: false } })
    .routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/admin/"))
    .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`);
  expect(ROUTES.map((r) => `${r.method} ${r.template}`).sort()).toEqual([...new Set(served)].sort());
});

test.each(ROUTES.map((r) => [`${r.method} ${r.template}`, r] as const))("%s refuses a missing, malformed, unknown or revoked key with 401", async (_, route) => {
  const wellFormedUnknown = `tsk_${"0".repeat(12)}_${"0".repeat(48)}`;
  for (const token of [undefined, "not-a-key", wellFormedUnknown, revokedToken]) {
    const res = await adminClient(env.backend.url, token).request(route.method, route.path(OTHER_IDS()), route.body);
    expect([token, res.status, res.body.error.code]).toEqual([token, 401, "unauthenticated"]);
  }
});

test.each(ROUTES.filter((r) => r.scoped).map((r) => [`${r.method} ${r.template}`, r] as const))(
  "%s answers another account's ids with 404, exactly as for ids that do not exist",
  async (_, route) => {
    const theirs = OTHER_IDS();
    const forTheirs = await api.request(route.method, route.path(theirs), route.body);
    const forUnknown = await api.request(route.method, route.path(UNKNOWN), route.body);
    expect(forTheirs.status).toBe(404);
    expect(forUnknown.status).toBe(404);
    const neutral = (message: string, ids: Ids) =>
      Object.values(ids)
        .sort((a, b) => b.length - a.length)
        .reduce((m: string, id) => m.replaceAll(id, "<id>"), message);
    expect(neutral(forTheirs.body.error.message, theirs)).toBe(neutral(forUnknown.body.error.message, UNKNOWN));
  },
);

test("lists and filters show only the key's own account", async () => {
  expect((await api.get("/admin/products")).body.data.map((p: { shortCode: string }) => p.shortCode)).toEqual(["MINE"]);
  expect((await api.get("/admin/bundles")).body.data).toEqual([]);
  expect((await api.get(`/admin/licenses?customer=${other.customer}`)).body.data).toEqual([]);
  expect((await api.get("/admin/licenses?key=OTHER-OTHER-OTHER-OTHER")).body.data).toEqual([]);
  expect((await api.get("/admin/events?status=FAILED")).body.data).toEqual([]);
  expect((await api.get("/admin/mail-template")).status).toBe(404);
  expect((await api.get("/admin/mail-messages")).body.data).toEqual([]);
  expect(JSON.stringify((await api.get("/admin/webhook-endpoints")).body)).not.toContain(other.endpointId);
});

test("another account's codes in a body are unknown too, and its codes are free to use", async () => {
  const bundle = await api.post("/admin/bundles", { code: "MIXED", name: "Mixed", members: ["MINE", "THEIRS"] });
  expect(bundle.status).toBe(400);
  expect(bundle.body.error.details).toEqual([{ path: "members.1", message: '"THEIRS" is not a product short code' }]);
  expect((await api.post("/admin/products", { shortCode: "THEIRS", name: "Mine now" })).status).toBe(201);
});

test("replaying all failed events never touches another account's", async () => {
  expect((await api.post("/admin/events/replay")).body.data).toEqual([]);
  const theirs = await env.backend.db.webhookEvent.findUniqueOrThrow({ where: { id: other.eventId } });
  expect(theirs).toMatchObject({ status: "FAILED", replayCount: 0 });
  const license = await env.backend.db.license.findUniqueOrThrow({ where: { id: other.licenseId }, include: { users: true, history: true } });
  expect(license).toMatchObject({ status: "ACTIVE", history: [], users: [expect.objectContaining({ email: "user@other.example" })] });
});
