import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "../../src/db/client";
import { runCli } from "../harness/cli";
import { createTestDatabase, type TestDatabase } from "../harness/postgres";

jest.setTimeout(120_000);

const EXAMPLE = path.resolve(__dirname, "../../../docs/catalog.example.yaml");

let database: TestDatabase;
let db: Db;
let dir: string;
let accountId: string;

beforeAll(async () => {
  database = await createTestDatabase("cli_catalog");
  db = createDb({ connectionString: database.url });
  accountId = (await db.account.create({ data: { kind: "SELF_HOSTED", selfHostedMode: "test", livemode: false } })).id;
  dir = mkdtempSync(path.join(os.tmpdir(), "tessera-catalog-"));
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const apply = (file: string, ...flags: string[]) => runCli(["catalog", "apply", file, "--account", "self:test", ...flags], { DATABASE_URL: database.url });
const counts = async () => ({
  products: await db.product.count({ where: { accountId } }),
  policies: await db.policy.count({ where: { accountId } }),
  bundles: await db.bundle.count({ where: { accountId } }),
  changes: await db.catalogChange.count({ where: { accountId } }),
});

test("--dry-run shows the changes of docs/catalog.example.yaml and writes nothing", async () => {
  const run = await apply(EXAMPLE, "--dry-run");
  expect(run).toMatchObject({ code: 0, stderr: "Dry run: nothing was written.\n" });
  expect(run.stdout).toContain("+ product DESIGNER: create\n+ policy DESIGNER/standard: create (default)\n");
  expect(run.stdout.trim().split("\n").at(-1)).toBe("9 to create, 0 to update, 0 unchanged");
  expect(await counts()).toEqual({ products: 0, policies: 0, bundles: 0, changes: 0 });
});

test("applying the same file twice changes nothing the second time", async () => {
  const first = await apply(EXAMPLE);
  expect(first.code).toBe(0);
  expect(first.stdout.trim().split("\n").at(-1)).toBe("Applied 9 changes.");
  const afterFirst = await counts();
  expect(afterFirst).toEqual({ products: 3, policies: 5, bundles: 1, changes: 9 });
  const change = await db.catalogChange.findFirstOrThrow({ where: { accountId } });
  expect(change).toMatchObject({ causeType: "CLI", causeId: `catalog apply ${EXAMPLE}` });

  const second = await apply(EXAMPLE);
  expect(second.code).toBe(0);
  expect(second.stdout).not.toContain("+ ");
  expect(second.stdout.trim().split("\n").at(-1)).toBe("no changes");
  expect(await counts()).toEqual(afterFirst);
});

test("an edited file updates only what changed, and reports what the file leaves out", async () => {
  const edited = readFileSync(EXAMPLE, "utf8")
    .replace("max_activations: 3", "max_activations: 4")
    .replace(/  - short_code: RENDER[\s\S]*?max_consumptions: 1000\n/, "")
    .replace("products: [DESIGNER, RENDER]", "products: [DESIGNER]");
  const file = path.join(dir, "edited.yaml");
  writeFileSync(file, edited);
  const run = await apply(file);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("~ policy DESIGNER/standard: max_activations 3 → 4\n");
  expect(run.stdout).toContain("~ bundle STUDIO: products -RENDER\n");
  expect(run.stdout).toContain("? product RENDER: in the catalog but not in the file; kept (delete it through the admin API)\n");
  expect(run.stdout.trim().split("\n").slice(-2)).toEqual(["0 to create, 2 to update, 5 unchanged; 1 not in the file (kept)", "Applied 2 changes."]);
  expect(await db.product.count({ where: { accountId, shortCode: "RENDER" } })).toBe(1);
});

test("an invalid file exits non-zero naming each problem's path and line, and writes nothing", async () => {
  const before = await counts();
  const file = path.join(dir, "invalid.yaml");
  const text = readFileSync(EXAMPLE, "utf8").replace("valid_duration: 30d", "valid_duration: 3x").replace("floating_cloud: 5 ", "floating_cloud: 50 ");
  writeFileSync(file, text);
  const lineOf = (needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
  const run = await apply(file);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trim().split("\n");
  expect(lines).toEqual([
    `${file}:${lineOf("valid_duration: 3x")}: products[0].policies[1].valid_duration: "3x" is not a duration; expected N followed by d, w, m or y, e.g. 30d or 1y`,
    `${file}:${lineOf("floating_cloud: 50")}: products[0].policies[2].floating_cloud: 50 is above max activations 10; floating cloud users must be at most the max activations`,
    `error: ${file} has 2 problems; nothing was applied`,
  ]);
  expect(await counts()).toEqual(before);

  const shapeError = path.join(dir, "shape.yaml");
  writeFileSync(shapeError, "products:\n  - short_code: X\n    nmae: typo\n");
  const typo = await apply(shapeError);
  expect(typo.code).toBe(1);
  expect(typo.stderr).toContain(`${shapeError}:2: products[0].name: is required\n`);
  expect(typo.stderr).toContain(`${shapeError}:3: products[0].nmae: is not a known key here`);
});

test("a missing file or an unknown account is one clear line and a non-zero exit", async () => {
  const missing = await apply(path.join(dir, "nope.yaml"));
  expect(missing).toMatchObject({ code: 1, stderr: `error: Cannot read ${path.join(dir, "nope.yaml")}: ENOENT\n` });
  const account = await runCli(["catalog", "apply", EXAMPLE, "--account", "no-such-account"], { DATABASE_URL: database.url });
  expect(account).toMatchObject({ code: 1, stderr: "error: No account no-such-account; `tessera accounts list` shows the accounts\n" });
});
