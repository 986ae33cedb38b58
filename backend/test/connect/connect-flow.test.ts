import { Client } from "pg";
import { createApiKey } from "../../src/api-keys/api-key-store";
import { SecretBox, parseKey } from "../../src/crypto/secret-box";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient } from "../harness/admin";
import { deliver, TEST_ENCRYPTION_KEY } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

const CLIENT_ID = "ca_faketessera";
const VENDOR = "acct_connectvendor";

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("connect_flow", { env: { STRIPE_CLIENT_ID: CLIENT_ID, PUBLIC_URL: "https://licenses.example.com" } });
  env.fake.store.connect(VENDOR, "Vendor Co");
});

afterAll(() => env?.close());

const get = (path: string) => fetch(`${env.backend.url}${path}`, { redirect: "manual" });

/** What a vendor's browser does: open the connect page and follow its button to Stripe. */
async function startFlow(): Promise<URL> {
  const page = await get("/connect");
  expect(page.status).toBe(200);
  const html = await page.text();
  const href = /href="(https:\/\/marketplace\.stripe\.com\/oauth\/v2\/authorize\?[^"]+)"/.exec(html)?.[1];
  expect(href).toBeDefined();
  return new URL(href!.replace(/&amp;/g, "&"));
}

/** Stripe sends the vendor back after they approved the app. */
function callback(params: Record<string, string>) {
  return get(`/connect/callback?${new URLSearchParams(params)}`);
}

const accountRow = () => env.backend.db.account.findUnique({ where: { stripeAccountId_livemode: { stripeAccountId: VENDOR, livemode: false } } });

test("the button leads to Stripe with the app's client id, the callback URL and a state; the callback connects the account", async () => {
  const authorize = await startFlow();
  expect(authorize.searchParams.get("client_id")).toBe(CLIENT_ID);
  expect(authorize.searchParams.get("redirect_uri")).toBe("https://licenses.example.com/connect/callback");
  const state = authorize.searchParams.get("state")!;
  expect(state).toMatch(/^[\w-]+\.\d+\.[\w-]+$/);

  const res = await callback({ code: env.fake.store.oauth.approve(VENDOR), state });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain("Your Stripe account is connected");
  expect(html).toContain(VENDOR);
  expect(html).toContain("Vendor Co");
  expect(await accountRow()).toMatchObject({ kind: "CONNECTED", status: "CONNECTED", displayName: "Vendor Co", livemode: false });
});

test("tokens are sealed: the raw row holds neither token, and only the configured key opens them", async () => {
  const pg = new Client({ connectionString: env.database.url });
  await pg.connect();
  const { rows } = await pg.query(`SELECT "accessTokenEnc", "refreshTokenEnc" FROM "Account" WHERE "stripeAccountId" = $1`, [VENDOR]);
  await pg.end();
  const raw = JSON.stringify(rows);
  for (const token of env.fake.store.oauth.issuedAccessTokens()) expect(raw).not.toContain(token);
  expect(raw).not.toMatch(/rt_[0-9a-f]{32}/);
  const context = `account:${VENDOR}:test:access_token`;
  const opened = new SecretBox(parseKey(TEST_ENCRYPTION_KEY)!).open(rows[0].accessTokenEnc, context);
  expect(env.fake.store.oauth.issuedAccessTokens()).toContain(opened);
  expect(() => new SecretBox(Buffer.alloc(32, 7)).open(rows[0].accessTokenEnc, context)).toThrow();
});

test("a state used once, a forged one and an expired one each get a failure page that says so; no account is made", async () => {
  const state = (await startFlow()).searchParams.get("state")!;
  const code = env.fake.store.oauth.approve("acct_neverconnected");
  const [nonce, expiry, signature] = state.split(".");

  const forged = await callback({ code, state: `${nonce}.${expiry}.${signature!.slice(0, -2)}xx` });
  expect(forged.status).toBe(400);
  expect(await forged.text()).toContain("not made by this server");

  const box = new SecretBox(parseKey(TEST_ENCRYPTION_KEY)!);
  const oldBody = `${nonce}.${Math.floor(Date.now() / 1000) - 1}`;
  const expired = await callback({ code, state: `${oldBody}.${box.sign("oauth-state", oldBody)}` });
  expect(expired.status).toBe(400);
  expect(await expired.text()).toContain("expired");

  expect((await callback({ code: env.fake.store.oauth.approve(VENDOR), state })).status).toBe(200);
  const replayed = await callback({ code, state });
  expect(replayed.status).toBe(400);
  expect(await replayed.text()).toContain("already used");
  expect(await env.backend.db.account.count({ where: { stripeAccountId: "acct_neverconnected" } })).toBe(0);
});

test("a vendor who declines, and a code Stripe does not accept, see why", async () => {
  const declined = await callback({ error: "access_denied", error_description: "The user denied your request", state: (await startFlow()).searchParams.get("state")! });
  expect(declined.status).toBe(400);
  expect(await declined.text()).toContain("The user denied your request");

  const badCode = await callback({ code: "ac_doesnotexist", state: (await startFlow()).searchParams.get("state")! });
  expect(badCode.status).toBe(400);
  expect(await badCode.text()).toContain("did not accept the authorization code");
});

test("an expired access token is renewed with the refresh token before Stripe is called for the account", async () => {
  const account = (await accountRow())!;
  await seedCatalog(env.backend.db, account.id, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
  // Stripe's side: the current access token stops working; ours: the stored expiry has passed.
  env.fake.store.oauth.accessTokenTtlMs = 60 * 60_000;
  for (const token of env.fake.store.oauth.issuedAccessTokens()) env.fake.store.oauth.revokeToken(token);
  await env.backend.db.account.update({ where: { id: account.id }, data: { accessTokenExpiresAt: new Date(Date.now() - 1000) } });

  const vendor = new StripeWorld(env.fake.store, { name: "connectflow", account: VENDOR });
  const price = vendor.price({ product: vendor.product(), metadata: { short_code: "APP" } });
  const [event] = vendor.checkout({ customer: vendor.customer(), lines: [{ price, quantity: 1 }] }).events;
  const before = env.fake.requests.length;
  const answer = await env.backend.deliver(event!);
  expect(answer.body.status).toBe("PROCESSED");
  const calls = env.fake.requests.slice(before);
  expect(calls[0]).toMatchObject({ method: "POST", path: "/oauth/token", body: { grant_type: "refresh_token" } });
  expect(calls.slice(1).every((r) => r.stripeAccount === undefined && r.status === 200)).toBe(true);
  expect((await accountRow())!.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
});

test("uninstall disconnects and keeps the data; writes are refused, reads work; events meanwhile replay after reinstalling", async () => {
  const account = (await accountRow())!;
  const licenses = await env.backend.db.license.count({ where: { accountId: account.id } });
  const api = adminClient(env.backend.url, (await createApiKey(env.backend.db, account.id, "vendor")).token);
  const vendor = new StripeWorld(env.fake.store, { name: "connectflowb", account: VENDOR });

  const otherApp = vendor.event("account.application.deauthorized", { id: "ca_someotherapp", object: "application", name: "Other" } as never);
  expect((await deliver(env.backend.url, otherApp)).body.status).toBe("IGNORED");
  expect((await accountRow())!.status).toBe("CONNECTED");

  const [uninstall] = vendor.deauthorize().events;
  expect((await deliver(env.backend.url, uninstall!)).body.status).toBe("PROCESSED");
  expect((await accountRow())!.status).toBe("DISCONNECTED");
  expect(await env.backend.db.license.count({ where: { accountId: account.id } })).toBe(licenses);

  expect((await api.get("/admin/licenses")).status).toBe(200);
  const refused = await api.post("/admin/products", { shortCode: "NEW", name: "New" });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe("account_disconnected");

  env.fake.store.connect(VENDOR).revoked = false;
  const price = vendor.price({ product: vendor.product(), metadata: { short_code: "APP" } });
  const [meanwhile] = vendor.checkout({ customer: vendor.customer(), lines: [{ price, quantity: 2 }] }).events;
  const held = await deliver(env.backend.url, meanwhile!);
  expect(held.body.status).toBe("IGNORED");
  expect((await api.post(`/admin/events/${meanwhile!.id}/replay`)).body.error.code).toBe("account_disconnected");

  const reinstall = await callback({ code: env.fake.store.oauth.approve(VENDOR), state: (await startFlow()).searchParams.get("state")! });
  expect(reinstall.status).toBe(200);
  expect(await reinstall.text()).toContain("connected again");
  expect((await accountRow())!.id).toBe(account.id);

  const replayed = await api.post(`/admin/events/${meanwhile!.id}/replay`);
  expect(replayed.body).toMatchObject({ status: "PROCESSED" });
  expect(await env.backend.db.license.count({ where: { accountId: account.id } })).toBe(licenses + 2);
});

test("a Marketplace install (no state of ours) connects too", async () => {
  env.fake.store.connect("acct_marketplace", "Market Vendor");
  const res = await callback({ code: env.fake.store.oauth.approve("acct_marketplace") });
  expect(res.status).toBe(200);
  expect(await env.backend.db.account.count({ where: { stripeAccountId: "acct_marketplace", status: "CONNECTED" } })).toBe(1);
});
