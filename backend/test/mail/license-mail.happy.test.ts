import { createApiKey } from "../../src/api-keys/api-key-store";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, type AdminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { partsOf, startSmtpServer, type LocalSmtp, type ReceivedMail } from "../harness/smtp";
import { eventually, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;
let smtp: LocalSmtp;
let world: StripeWorld;
const received: ReceivedMail[] = [];

const TEMPLATE = {
  subject: "Your {{product}} license",
  body: ["Hello {{customer_name}},", "", "your {{license_count}} key(s):", "{{product}}: {{license_key}} (until {{expires_at}})", "", "Thanks!"].join("\n"),
};

beforeAll(async () => {
  smtp = await startSmtpServer(0, received);
  env = await startWebhookEnv("license_mail", { env: { SMTP_URL: smtp.url, MAIL_FROM: "Example Licenses <licenses@example.com>", MAIL_INTERVAL_MS: "100" } });
  api = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "mail")).token);
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", name: "Acme Editor", policies: [{ code: "std", isDefault: true }] }] });
  world = new StripeWorld(env.fake.store, { name: "mail" });
});

afterAll(async () => {
  await env?.close();
  await smtp?.close();
});

const mailsOf = () => env.backend.db.mailMessage.findMany({ where: { accountId: env.backend.accountId }, orderBy: { createdAt: "asc" } });

async function buy(quantity: number, customerName?: string) {
  const customer = world.customer(customerName ? { name: customerName } : {});
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  const purchase = world.checkout({ customer, lines: [{ price, quantity }] });
  await deliverAll(env.backend, purchase.events);
  const { body } = await api.get(`/admin/licenses?customer=${customer.id}`);
  return { customer, keys: body.data.map((l: { key: string }) => l.key) as string[] };
}

test("without a template a purchase mails nothing", async () => {
  await buy(1);
  expect(await mailsOf()).toEqual([]);
});

test("a paid checkout mails every key of the purchase in one mail, rendered with the vendor's template", async () => {
  expect((await api.request("PUT", "/admin/mail-template", TEMPLATE)).status).toBe(200);
  const { customer, keys } = await buy(2, "Ada Lovelace");
  expect(keys).toHaveLength(2);

  const mail = await eventually(() => received.find((m) => m.to.includes(customer.email!)), "the license mail");
  const { header, body } = partsOf(mail);
  expect(mail.from).toBe("licenses@example.com");
  expect(header("Subject")).toBe("Your Acme Editor license");
  expect(body).toBe(
    ["Hello Ada Lovelace,", "", "your 2 key(s):", `Acme Editor: ${keys[0]} (until never)`, `Acme Editor: ${keys[1]} (until never)`, "", "Thanks!"].join("\n"),
  );

  // The server has the mail a moment before the worker records it as sent.
  const row = await eventually(async () => (await mailsOf()).find((m) => m.toEmail === customer.email && m.status === "SENT"), "the mail recorded as sent");
  expect(row).toMatchObject({ attempts: 1, subject: "Your Acme Editor license", lastError: null });
  expect(row!.sentAt).toBeInstanceOf(Date);
});

test("a subscription mails the keys of its first invoice, then only the keys of units added later", async () => {
  const customer = world.customer({ name: "Grace Hopper" });
  const price = world.price({ product: world.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });
  const start = world.subscribe({ customer, items: [{ price, quantity: 2 }] });
  await deliverAll(env.backend, start.events);
  const first = await eventually(() => received.find((m) => m.to.includes(customer.email!)), "the first mail");
  const keysOf = async () => ((await api.get(`/admin/licenses?subscription=${start.subscription.id}`)).body.data as { key: string }[]).map((l) => l.key);
  const [k1, k2] = await keysOf();
  expect(partsOf(first).body).toContain(`your 2 key(s):\nAcme Editor: ${k1} (until `);
  expect(partsOf(first).body).toContain(`Acme Editor: ${k2} (until `);

  await deliverAll(env.backend, world.setQuantity(start.subscription, 0, 3, { invoiceNow: true }).events);
  const k3 = (await keysOf())[2]!;
  const second = await eventually(() => received.filter((m) => m.to.includes(customer.email!))[1], "the mail of the added unit");
  expect(partsOf(second).body).toContain("your 1 key(s):");
  expect(partsOf(second).body).toContain(k3);
  expect(partsOf(second).body).not.toContain(k1);
});

test("a redelivered purchase queues no second mail", async () => {
  const customer = world.customer();
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  const purchase = world.checkout({ customer, lines: [{ price }] });
  await deliverAll(env.backend, [...purchase.events, ...purchase.events]);
  await eventually(() => received.find((m) => m.to.includes(customer.email!)), "the license mail");
  expect((await mailsOf()).filter((m) => m.toEmail === customer.email)).toHaveLength(1);
});

test("with the SMTP server down the mail waits, and is delivered once when it is back", async () => {
  const port = smtp.port;
  await smtp.close();
  const { customer, keys } = await buy(1);
  const failedOnce = await eventually(async () => {
    const [row] = (await mailsOf()).filter((m) => m.toEmail === customer.email);
    return row && row.attempts >= 1 ? row : undefined;
  }, "a failed attempt");
  expect(failedOnce).toMatchObject({ status: "PENDING", lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });

  smtp = await startSmtpServer(port, received);
  const mail = await eventually(() => received.find((m) => m.to.includes(customer.email!)), "the mail after the server came back", 20_000);
  expect(partsOf(mail).body).toContain(keys[0]);
  await eventually(async () => ((await mailsOf()).find((m) => m.toEmail === customer.email)?.status === "SENT" ? true : undefined), "SENT");
  await new Promise((r) => setTimeout(r, 500));
  expect(received.filter((m) => m.to.includes(customer.email!))).toHaveLength(1);
});

test("a disabled template mails nothing; a deleted one is gone", async () => {
  expect((await api.request("PUT", "/admin/mail-template", { ...TEMPLATE, enabled: false })).status).toBe(200);
  const { customer } = await buy(1);
  expect((await mailsOf()).filter((m) => m.toEmail === customer.email)).toEqual([]);

  expect((await api.delete("/admin/mail-template")).status).toBe(204);
  expect((await api.get("/admin/mail-template")).status).toBe(404);
});
