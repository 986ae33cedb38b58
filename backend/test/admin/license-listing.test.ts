import { createApiKey } from "../../src/api-keys/api-key-store";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, createOtherAccount, type AdminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

type Listed = { id: string; key: string; status: string; product: string | null; createdAt: string; customer: { email: string | null } | null; stripe: { subscription: string | null } };

let env: WebhookEnv;
let api: AdminClient;
let world: StripeWorld;
let subscriptionId: string;
let appPrice: ReturnType<StripeWorld["price"]>;

beforeAll(async () => {
  env = await startWebhookEnv("license_listing");
  api = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "listing")).token);
  await seedCatalog(env.backend.db, env.backend.accountId, {
    products: [
      { shortCode: "APP", policies: [{ code: "std", isDefault: true }] },
      { shortCode: "TOOL", policies: [{ code: "std", isDefault: true }] },
    ],
  });
  world = new StripeWorld(env.fake.store, { name: "listing" });
  const ann = world.customer({ email: "Ann@Example.com" });
  const bob = world.customer({ email: "bob@example.com" });
  appPrice = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  const tool = world.price({ product: world.product(), metadata: { short_code: "TOOL" } });
  const seats = world.price({ product: world.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const first = world.checkout({ customer: ann, lines: [{ price: appPrice, quantity: 4 }] });
  await deliverAll(env.backend, first.events);
  world.advance(60);
  const second = world.checkout({ customer: bob, lines: [{ price: tool, quantity: 3 }] });
  await deliverAll(env.backend, second.events);
  world.advance(60);
  const sub = world.subscribe({ customer: ann, items: [{ price: seats, quantity: 5 }] });
  subscriptionId = sub.subscription.id;
  await deliverAll(env.backend, sub.events);
  // Another tenant's licenses must never show up in this account's listings.
  const other = await createOtherAccount(env.backend.db, "listing_other");
  await env.backend.db.license.create({
    data: { accountId: other, key: "OTHER-ACCOUNT-LICENSE", licenseType: "PERPETUAL", spec: {}, maxActivations: 1, sourceKey: "x", unitIndex: 0 },
  });
});

afterAll(() => env?.close());

async function allPages(query: string, limit: number, between?: () => Promise<void>): Promise<Listed[]> {
  const seen: Listed[] = [];
  let cursor: string | null = null;
  do {
    const res = await api.get(`/admin/licenses?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.data);
    cursor = res.body.nextCursor;
    await between?.();
  } while (cursor);
  return seen;
}

test("without filters the account's licenses come newest first, page by page, each exactly once", async () => {
  const listed = await allPages("", 3);
  expect(listed).toHaveLength(12);
  expect(new Set(listed.map((l) => l.id)).size).toBe(12);
  expect(listed.map((l) => l.key)).not.toContain("OTHER-ACCOUNT-LICENSE");
  const times = listed.map((l) => Date.parse(l.createdAt));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  expect(listed[0]!.stripe.subscription).toBe(subscriptionId);
});

test("licenses made while someone pages through neither repeat nor shift the pages", async () => {
  let made = false;
  const listed = await allPages("", 4, async () => {
    if (made) return;
    made = true;
    world.advance(60);
    const more = world.checkout({ customer: world.customer({ email: "late@example.com" }), lines: [{ price: appPrice, quantity: 2 }] });
    await deliverAll(env.backend, more.events);
  });
  // Newest first: what was made after the first page is before it, so the walk sees the 12 it started with.
  expect(listed).toHaveLength(12);
  expect(new Set(listed.map((l) => l.id)).size).toBe(12);
  expect((await allPages("order=asc", 5)).length).toBe(14);
});

test("a purchase's licenses read in unit order; filters combine", async () => {
  const bySubscription = (await api.get(`/admin/licenses?subscription=${subscriptionId}`)).body;
  expect(bySubscription.data).toHaveLength(5);
  expect(bySubscription.nextCursor).toBeNull();
  const rows = await env.backend.db.license.findMany({ where: { stripeSubscriptionId: subscriptionId }, select: { id: true, unitIndex: true } });
  const unitOf = new Map(rows.map((r) => [r.id, r.unitIndex]));
  expect(bySubscription.data.map((l: Listed) => unitOf.get(l.id))).toEqual([0, 1, 2, 3, 4]);

  expect((await allPages("product=TOOL", 2)).map((l) => l.product)).toEqual(["TOOL", "TOOL", "TOOL"]);
  const annsApps = await allPages("email=ann@EXAMPLE.com&product=APP", 10);
  expect(annsApps).toHaveLength(9);
  expect(annsApps.every((l) => l.customer?.email === "Ann@Example.com")).toBe(true);

  const one = bySubscription.data[0] as Listed;
  const byPrefix = await allPages(`key_prefix=${one.key.slice(0, 7).toLowerCase()}`, 10);
  expect(byPrefix.map((l) => l.id)).toContain(one.id);
  expect(byPrefix.every((l) => l.key.startsWith(one.key.slice(0, 7)))).toBe(true);
});

test("status filters follow changes made by hand", async () => {
  const { data } = (await api.get(`/admin/licenses?product=TOOL`)).body as { data: Listed[] };
  await api.post(`/admin/licenses/${data[0]!.id}/disable`, { reason: "listing test" });
  const disabled = await allPages("status=DISABLED", 10);
  expect(disabled.map((l) => l.id)).toEqual([data[0]!.id]);
  expect((await allPages("status=ACTIVE&product=TOOL", 10)).map((l) => l.id).sort()).toEqual(data.slice(1).map((l) => l.id).sort());
});

test("a cursor this listing did not give, a bad status and a page past the maximum are refused by name", async () => {
  const forged = Buffer.from(JSON.stringify(["yesterday", 0, "", "x"])).toString("base64url");
  for (const query of [`cursor=${forged}`, "cursor=%00", "status=EXPIRED", "limit=0", "limit=5000"]) {
    const res = await api.get(`/admin/licenses?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toMatch(/cursor|status|limit/);
  }
});
