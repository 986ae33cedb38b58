import { adminClient } from "../harness/admin";
import { runCli } from "../harness/cli";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(120_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("cli_api_key");
});

afterAll(() => env?.close());

const cli = (...args: string[]) => runCli(args, { DATABASE_URL: env.database.url });

test("api-key create prints a key, once, that the admin API accepts until it is revoked", async () => {
  const created = await cli("api-key", "create", "--account", "self:test", "--name", "ci");
  expect(created.code).toBe(0);
  expect(created.stdout).toMatch(/^tsk_[0-9a-f]{12}_[0-9a-f]{48}\n$/);
  expect(created.stderr).toContain("This is the only time the key is shown");
  const token = created.stdout.trim();
  const prefix = token.split("_")[1]!;

  const api = adminClient(env.backend.url, token);
  expect((await api.get("/admin/products")).status).toBe(200);

  const listed = await cli("api-key", "list", "--account", env.backend.accountId);
  expect(listed.stdout).toMatch(new RegExp(`^${prefix}\\s+ci\\s+\\S+\\s+\\S+\\s+-$`, "m"));
  expect(listed.stdout).not.toContain(token.split("_")[2]);

  const revoked = await cli("api-key", "revoke", prefix);
  expect(revoked).toMatchObject({ code: 0, stdout: `Revoked API key ${prefix} ("ci") of account ${env.backend.accountId}\n` });
  const refused = await api.get("/admin/products");
  expect(refused.status).toBe(401);
  expect(refused.body.error.message).toBe(`The API key ${prefix} was revoked`);
  expect((await cli("api-key", "revoke", prefix)).stdout).toContain("was already revoked");
});

test("accounts list shows the account refs that --account takes", async () => {
  const listed = await cli("accounts", "list");
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(new RegExp(`^${env.backend.accountId}\\s+self:test\\s+test\\s`, "m"));
});

test("usage and lookup errors exit non-zero with one line on stderr", async () => {
  const noAccount = await cli("api-key", "create", "--name", "x");
  expect(noAccount.code).not.toBe(0);
  expect(noAccount.stderr).toBe("error: required option '--account <account>' not specified\n");

  const live = await cli("api-key", "create", "--account", "self:live", "--name", "x");
  expect(live.code).toBe(1);
  expect(live.stderr.trim().split("\n")).toEqual([
    "error: There is no self-hosted live account: set STRIPE_SECRET_KEY=sk_live_… and STRIPE_WEBHOOK_SECRET as for the server, or name an account id from `tessera accounts list`",
  ]);

  const unknownPrefix = await cli("api-key", "revoke", "ffffffffffff");
  expect(unknownPrefix).toMatchObject({ code: 1, stderr: "error: No API key with prefix ffffffffffff\n" });

  const badConfig = await runCli(["accounts", "list"], { DATABASE_URL: "mysql://nope" });
  expect(badConfig).toMatchObject({ code: 2, stderr: 'error: invalid configuration: DATABASE_URL="mysql://nope": must be a postgresql:// URL\n' });
});
