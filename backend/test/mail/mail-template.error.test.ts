import { createApiKey } from "../../src/api-keys/api-key-store";
import { StripeWorld } from "../fake-stripe/world";
import { adminClient, createOtherAccount, type AdminClient } from "../harness/admin";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { startSmtpServer, type LocalSmtp, type ReceivedMail } from "../harness/smtp";
import { eventually, startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let api: AdminClient;
let smtp: LocalSmtp;
let other: AdminClient;
const received: ReceivedMail[] = [];
const refusing = new Set(["refused@example.com"]);

beforeAll(async () => {
  // Mail to these is refused for good (550), as a server does for a mailbox that does not exist.
  smtp = await startSmtpServer(0, received, (to) => (refusing.has(to) ? 550 : null));
  env = await startWebhookEnv("mail_template_errors", { env: { SMTP_URL: smtp.url, MAIL_FROM: "licenses@example.com", MAIL_INTERVAL_MS: "100" } });
  api = adminClient(env.backend.url, (await createApiKey(env.backend.db, env.backend.accountId, "mail")).token);
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] });
  other = adminClient(env.backend.url, (await createApiKey(env.backend.db, await createOtherAccount(env.backend.db, "mail_other"), "other")).token);
});

afterAll(async () => {
  await env?.close();
  await smtp?.close();
});

test("unknown placeholders are refused with 400, each named; a subject must be one line", async () => {
  const res = await api.request("PUT", "/admin/mail-template", { subject: "Key {{licence_key}}", body: "{{license_key}} for {{first_name}}" });
  expect(res.status).toBe(400);
  const details = res.body.error.details as { path: string; message: string }[];
  expect(details).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ path: "body.subject", message: expect.stringContaining("unknown placeholder(s) {{licence_key}};") }),
      expect.objectContaining({ path: "body.body", message: expect.stringContaining("unknown placeholder(s) {{first_name}};") }),
    ]),
  );

  expect((await api.request("PUT", "/admin/mail-template", { subject: "Two\nlines", body: "{{license_key}}" })).status).toBe(400);
  expect((await api.request("PUT", "/admin/mail-template", { subject: "", body: "x" })).status).toBe(400);
  expect((await api.get("/admin/mail-template")).status).toBe(404);
});

test("the template routes need an API key, and each account sees only its own template", async () => {
  expect((await adminClient(env.backend.url).get("/admin/mail-template")).status).toBe(401);
  expect((await api.request("PUT", "/admin/mail-template", { subject: "Key", body: "{{license_key}}" })).status).toBe(200);

  expect((await other.get("/admin/mail-template")).status).toBe(404);
  expect((await other.delete("/admin/mail-template")).status).toBe(404);
  expect((await api.get("/admin/mail-template")).body).toMatchObject({ subject: "Key", enabled: true });
});

test("a mail the server refuses for good (5xx) is FAILED at once with the server's answer, listed, and sent again on request", async () => {
  expect((await api.request("PUT", "/admin/mail-template", { subject: "Key", body: "{{license_key}}" })).status).toBe(200);
  const world = new StripeWorld(env.fake.store, { name: "refused" });
  const customer = world.customer({ email: "refused@example.com" });
  const price = world.price({ product: world.product(), metadata: { short_code: "APP" } });
  await deliverAll(env.backend, world.checkout({ customer, lines: [{ price }] }).events);

  const row = await eventually(async () => {
    const [m] = await env.backend.db.mailMessage.findMany({ where: { toEmail: "refused@example.com" } });
    return m?.status === "FAILED" ? m : undefined;
  }, "the refused mail given up");
  expect(row).toMatchObject({ attempts: 1, sentAt: null, lastError: expect.stringContaining("550") });

  const failed = await api.get("/admin/mail-messages?status=FAILED");
  expect(failed.status).toBe(200);
  expect(failed.body.data).toEqual([
    expect.objectContaining({ id: row.id, to: "refused@example.com", status: "FAILED", attempts: 1, lastError: expect.stringContaining("550"), nextAttemptAt: null }),
  ]);
  expect((await other.get("/admin/mail-messages")).body.data).toEqual([]);
  expect((await other.post(`/admin/mail-messages/${row.id}/retry`)).status).toBe(404);

  refusing.clear();
  expect((await api.post(`/admin/mail-messages/${row.id}/retry`)).status).toBe(204);
  await eventually(() => received.find((m) => m.to.includes("refused@example.com")), "the mail sent again");
  const sent = await eventually(async () => {
    const { body } = await api.get("/admin/mail-messages?status=SENT");
    return body.data.find((m: { id: string }) => m.id === row.id);
  }, "the mail listed as sent");
  expect(sent).toMatchObject({ subject: "Key", attempts: 1, lastError: null, sentAt: expect.any(String) });
  expect((await api.post(`/admin/mail-messages/${row.id}/retry`)).status).toBe(404);
});
