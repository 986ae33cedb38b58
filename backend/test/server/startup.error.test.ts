import { spawnSync } from "node:child_process";
import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import { startServer } from "../../src/server";
import { databaseUrl, withAdmin } from "../harness/postgres";

jest.setTimeout(60_000);
const ROOT = path.resolve(__dirname, "../../..");

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

test("every bad or missing variable is named at once, with its value (never a secret's) and what is allowed", () => {
  const found = problems({
    PORT: "eighty",
    DATABASE_URL: "mysql://localhost/x",
    STRIPE_SECRET_KEY: "pk_test_123",
    LOG_LEVEL: "loud",
  });
  expect(found).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^PORT="eighty": /),
      expect.stringMatching(/^DATABASE_URL="mysql:\/\/localhost\/x": must be a postgresql:\/\/ URL/),
      expect.stringMatching(/^STRIPE_SECRET_KEY \(value not shown\): must be a Stripe secret or restricted key/),
      expect.stringMatching(/^LOG_LEVEL="loud": /),
    ]),
  );
});

test("a URL is shown without its password", () => {
  const [problem] = problems({ DATABASE_URL: "mysql://user:secret@host/db" });
  expect(problem).toMatch(/^DATABASE_URL="mysql:\/\/user:\*\*\*@host\/db": must be a postgresql:\/\/ URL/);
  expect(problem).not.toContain("secret");
});

test("the Stripe key and the webhook secret go together", () => {
  expect(problems({ STRIPE_SECRET_KEY: "sk_test_abc" })).toEqual([
    expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET go together/),
  ]);
});

test("license mail needs an SMTP URL (its password never shown) and a sender", () => {
  expect(problems({ SMTP_URL: "smtp://user:hunter2@mail.example.com:587" })).toEqual([expect.stringMatching(/^MAIL_FROM: is needed with SMTP_URL/)]);
  const [bad] = problems({ SMTP_URL: "http://user:hunter2@mail.example.com", MAIL_FROM: "licenses@example.com" });
  expect(bad).toMatch(/^SMTP_URL="http:\/\/user:\*\*\*@mail.example.com\/": must be an smtp:\/\/ or smtps:\/\/ URL/);
  expect(bad).not.toContain("hunter2");
  expect(loadConfig({ SMTP_URL: "smtps://mail.example.com:465", MAIL_FROM: "licenses@example.com" }).mail).toEqual({
    smtpUrl: new URL("smtps://mail.example.com:465"),
    from: "licenses@example.com",
    intervalMs: 5000,
  });
  expect(loadConfig({}).mail).toBeUndefined();
});

test("defaults: embedded database, port 8787, and blank variables count as unset", () => {
  const config = loadConfig({ PORT: "", DATABASE_URL: "" });
  expect(config.port).toBe(8787);
  expect(config.database.kind).toBe("embedded");
  expect(config.selfHosted).toBeUndefined();
});

test("the process exits with code 2 and names the problem on stderr", () => {
  const run = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["backend/src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "-1", DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain("Invalid configuration");
  expect(run.stderr).toContain('PORT="-1"');
});

test("a PostgreSQL database without the migrations is refused with the command that fixes it", async () => {
  const name = `tessera_t_unmigrated_${process.pid}`;
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  try {
    const config = loadConfig({ DATABASE_URL: databaseUrl(name), PORT: "0", HOST: "127.0.0.1" });
    await expect(startServer(config, createLogger("silent"))).rejects.toThrow(/lacks migrations 2026\d+_init.*run `pnpm migrate`/);
  } finally {
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
});
