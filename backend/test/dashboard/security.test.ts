import { dashboardApi } from "../../src/http/routes/dashboard";
import { StripeWorld } from "../fake-stripe/world";
import { deliver } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { appSignature, dashboardClient, TEST_APP_SECRET, type DashboardClient } from "../harness/dashboard";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

const CONNECT_SECRET = "whsec_dashboardsecurityconnect";
const OTHER = "acct_dashboardother";

let env: WebhookEnv;
/** The other account's ids: a license, an event, a product with a policy, a bundle. */
const theirs = { license: "", activation: "", event: "", product: "THEIRS", policy: "std", bundle: "THEIRSUITE", endpoint: "", delivery: "" };

beforeAll(async () => {
  env = await startWebhookEnv("dashboard_security", { env: { STRIPE_APP_SECRET: TEST_APP_SECRET, STRIPE_CONNECT_WEBHOOK_SECRET: CONNECT_SECRET } });
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [{ shortCode: "MINE", policies: [{ code: "std", isDefault: true }] }],
    bundles: [],
  });
  const other = await env.backend.db.account.create({ data: { kind: "CONNECTED", stripeAccountId: OTHER, livemode: false } });
  await seedCatalog(env.backend.db, other.id, {
    products: [{ shortCode: theirs.product, policies: [{ code: theirs.policy, isDefault: true }] }],
    bundles: [{ code: theirs.bundle, members: [theirs.product] }],
  });
  const vendor = new StripeWorld(env.fake.store, { name: "dashsecurity", account: OTHER });
  const price = vendor.price({ product: vendor.product(), metadata: { short_code: theirs.product } });
  const failing = vendor.price({ product: vendor.product(), metadata: { short_code: "UNKNOWN" } });
  const [sold] = vendor.checkout({ customer: vendor.customer(), lines: [{ price, quantity: 1 }] }).events;
  const [failed] = vendor.checkout({ customer: vendor.customer(), lines: [{ price: failing, quantity: 1 }] }).events;
  await deliver(env.backend.url, sold!, CONNECT_SECRET);
  await deliver(env.backend.url, failed!, CONNECT_SECRET);
  theirs.license = (await env.backend.db.license.findFirstOrThrow({ where: { accountId: other.id } })).id;
  theirs.activation = (await env.backend.db.activation.create({ data: { accountId: other.id, licenseId: theirs.license, fingerprint: "their-machine" } })).id;
  theirs.event = (await env.backend.db.webhookEvent.findFirstOrThrow({ where: { accountId: other.id, status: "FAILED" } })).id;
  // Disabled, so the delivery worker leaves its delivery alone.
  const endpoint = await env.backend.db.webhookEndpoint.create({ data: { accountId: other.id, url: "https://other.example/hook", secretEnc: "sealed", enabled: false } });
  theirs.endpoint = endpoint.id;
  theirs.delivery = (
    await env.backend.db.webhookDelivery.create({
      data: { accountId: other.id, endpointId: endpoint.id, messageId: "msg_dashboard_other", eventType: "license.created", payload: {}, status: "FAILED" },
    })
  ).id;
});

afterAll(() => env?.close());

// Paths are read when a test runs: the other account's ids exist only after beforeAll.
type Call = [method: "GET" | "POST" | "PATCH", route: string, path: () => string, input?: Record<string, unknown>];

/** Every dashboard route, called with the other account's ids where it takes one. */
const calls = (): Call[] => [
  ["GET", "/dashboard/connection", () => "/dashboard/connection"],
  ["GET", "/dashboard/summary", () => "/dashboard/summary"],
  ["GET", "/dashboard/licenses", () => "/dashboard/licenses"],
  ["GET", "/dashboard/licenses/{id}", () => `/dashboard/licenses/${theirs.license}`],
  ["POST", "/dashboard/licenses/{id}/disable", () => `/dashboard/licenses/${theirs.license}/disable`, { reason: "not mine" }],
  ["POST", "/dashboard/licenses/{id}/enable", () => `/dashboard/licenses/${theirs.license}/enable`],
  [
    "POST",
    "/dashboard/licenses/{id}/activations/{activationId}/deactivate",
    () => `/dashboard/licenses/${theirs.license}/activations/${theirs.activation}/deactivate`,
  ],
  ["GET", "/dashboard/events", () => "/dashboard/events"],
  ["POST", "/dashboard/events/{id}/replay", () => `/dashboard/events/${theirs.event}/replay`],
  ["GET", "/dashboard/catalog", () => "/dashboard/catalog"],
  ["POST", "/dashboard/products", () => "/dashboard/products", { shortCode: "NEWONE", name: "New" }],
  ["PATCH", "/dashboard/products/{shortCode}", () => `/dashboard/products/${theirs.product}`, { name: "Renamed" }],
  ["POST", "/dashboard/products/{shortCode}/policies", () => `/dashboard/products/${theirs.product}/policies`, { code: "x", name: "X" }],
  ["PATCH", "/dashboard/products/{shortCode}/policies/{code}", () => `/dashboard/products/${theirs.product}/policies/${theirs.policy}`, { name: "Y" }],
  ["POST", "/dashboard/bundles", () => "/dashboard/bundles", { code: "NEWSUITE", name: "Suite", members: ["MINE"] }],
  ["PATCH", "/dashboard/bundles/{code}", () => `/dashboard/bundles/${theirs.bundle}`, { name: "Renamed" }],
  ["GET", "/dashboard/metadata-check", () => "/dashboard/metadata-check"],
  ["GET", "/dashboard/webhook-endpoints", () => "/dashboard/webhook-endpoints"],
  ["POST", "/dashboard/webhook-endpoints", () => "/dashboard/webhook-endpoints", { url: "https://example.com/mine" }],
  ["PATCH", "/dashboard/webhook-endpoints/{id}", () => `/dashboard/webhook-endpoints/${theirs.endpoint}`, { enabled: true }],
  ["GET", "/dashboard/webhook-endpoints/{id}/deliveries", () => `/dashboard/webhook-endpoints/${theirs.endpoint}/deliveries`],
  ["POST", "/dashboard/webhook-deliveries/{id}/resend", () => `/dashboard/webhook-deliveries/${theirs.delivery}/resend`],
];

const TAKES_ID = /\{(id|shortCode|code)\}/;
const mine = () => dashboardClient(env.backend.url, { user_id: "usr_mine", account_id: "acct_fakeplatform", mode: "test" });

test("the table covers every dashboard route the server answers", () => {
  const served = dashboardApi({ ...env.deps, maxBodyBytes: 1024, outbound: { box: null, allowPrivateUrls: false }, appSecrets: [], connectUrl: () => "", oauth: null, selfHostedLivemode: null })
    .routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/dashboard/"))
    .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`);
  expect(calls().map(([method, route]) => `${method} ${route}`).sort()).toEqual([...new Set(served)].sort());
});

test.each(calls().map((c) => [`${c[0]} ${c[1]}`, c] as const))("%s: no signature, a wrong one, a stale one and one over other ids are refused 401", async (_name, [method, , path, input]) => {
  const identity = { user_id: "usr_mine", account_id: "acct_fakeplatform", mode: "test" as const };
  const refusals: [DashboardClient, RegExp][] = [
    [dashboardClient(env.backend.url, identity, { signature: () => undefined }), /Missing Stripe-Signature/],
    [dashboardClient(env.backend.url, identity, { signature: () => appSignature(identity, "absec_notthisappssecret") }), /does not match/],
    [dashboardClient(env.backend.url, identity, { signature: () => appSignature(identity, TEST_APP_SECRET, Math.floor(Date.now() / 1000) - 3600) }), /timestamp/],
    // Signed for another account than the one the request names.
    [dashboardClient(env.backend.url, identity, { signature: () => appSignature({ ...identity, account_id: OTHER }) }), /does not match/],
  ];
  for (const [client, reason] of refusals) {
    const res = await client.request(method, path(), input);
    expect([res.status, res.body.error.code]).toEqual([401, "unauthenticated"]);
    expect(res.body.error.message).toMatch(reason);
  }
});

test.each(calls().map((c) => [`${c[0]} ${c[1]}`, c] as const))("%s: signed, with another account's ids: 404 (as unknown), else answered", async (_name, [method, route, path, input]) => {
  const res = await mine().request(method, path(), input);
  if (TAKES_ID.test(route)) {
    expect([res.status, res.body.error.code]).toEqual([404, "not_found"]);
    expect(JSON.stringify(res.body)).not.toContain(OTHER);
  } else {
    expect(res.status).toBeLessThan(300);
  }
});

test("lists of one account never hold the other's rows, and its license is untouched", async () => {
  const app = mine();
  const licenses = await app.get("/dashboard/licenses");
  expect(licenses.body.data.map((l: { id: string }) => l.id)).not.toContain(theirs.license);
  const events = await app.get("/dashboard/events");
  expect(events.body.data.map((e: { id: string }) => e.id)).not.toContain(theirs.event);
  const catalog = await app.get("/dashboard/catalog");
  expect(JSON.stringify(catalog.body)).not.toContain(theirs.product);
  expect(JSON.stringify((await app.get("/dashboard/webhook-endpoints")).body)).not.toContain(theirs.endpoint);
  expect((await env.backend.db.license.findUniqueOrThrow({ where: { id: theirs.license } })).status).toBe("ACTIVE");
});

test("an account that never connected: connection says so; everything else answers 409 not_connected", async () => {
  const stranger = dashboardClient(env.backend.url, { user_id: "usr_x", account_id: "acct_neverconnected", mode: "test" });
  expect((await stranger.get("/dashboard/connection")).body).toMatchObject({ status: "NOT_CONNECTED", account: null });
  const res = await stranger.get("/dashboard/licenses");
  expect([res.status, res.body.error.code]).toEqual([409, "not_connected"]);
  // The other mode of a connected account is another account.
  const live = dashboardClient(env.backend.url, { user_id: "usr_mine", account_id: "acct_fakeplatform", mode: "live" });
  expect((await live.get("/dashboard/connection")).body.status).toBe("NOT_CONNECTED");
});

test("a disconnected account reads but does not change", async () => {
  await env.backend.db.account.update({ where: { stripeAccountId_livemode: { stripeAccountId: OTHER, livemode: false } }, data: { status: "DISCONNECTED" } });
  const them = dashboardClient(env.backend.url, { user_id: "usr_them", account_id: OTHER, mode: "test" });
  expect((await them.get("/dashboard/connection")).body.status).toBe("DISCONNECTED");
  expect((await them.get(`/dashboard/licenses/${theirs.license}`)).status).toBe(200);
  const refused = await them.post(`/dashboard/licenses/${theirs.license}/disable`, { reason: "x" });
  expect([refused.status, refused.body.error.code]).toEqual([409, "account_disconnected"]);
  expect((await them.get("/dashboard/webhook-endpoints")).body.data.map((e: { id: string }) => e.id)).toEqual([theirs.endpoint]);
  for (const [method, path, body] of [
    ["POST", "/dashboard/webhook-endpoints", { url: "https://example.com/theirs" }],
    ["PATCH", `/dashboard/webhook-endpoints/${theirs.endpoint}`, { enabled: true }],
    ["POST", `/dashboard/webhook-deliveries/${theirs.delivery}/resend`, {}],
  ] as const) {
    const write = await them.request(method, path, body);
    expect([method, path, write.status, write.body.error.code]).toEqual([method, path, 409, "account_disconnected"]);
  }
});
