import { readdirSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations } from "./apply-migrations";

// A cold PGlite start applies every migration in WebAssembly: tens of seconds on a busy 2-core machine.
jest.setTimeout(180_000);

const MIGRATIONS = path.resolve(__dirname, "../../../../prisma/migrations");
// The project's migrations, whatever they are named today.
const NAMES = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const FIRST = NAMES[0]!;

// One database for the file: creating it runs initdb (seconds). Every test works on its own copy of
// the migrations, which keep the real migrations' names and checksums.
let db: PGlite;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "tessera-migrations-"));
  db = await PGlite.create({ dataDir: path.join(tmp, "db") });
});

afterAll(async () => {
  await db?.close();
  await rm(tmp, { recursive: true, force: true });
});

async function copyMigrations(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(MIGRATIONS, dir, { recursive: true });
  return dir;
}

async function tableExists(name: string): Promise<boolean> {
  const { rows } = await db.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [name]);
  return rows[0]?.t != null;
}

test("applies the migrations to an empty database, and a re-run applies nothing", async () => {
  expect(NAMES.length).toBeGreaterThan(0);
  expect(await applyMigrations(db, MIGRATIONS)).toEqual({ applied: NAMES });
  expect(await tableExists('"Account"')).toBe(true);
  expect(await applyMigrations(db, MIGRATIONS)).toEqual({ applied: [] });
});

test("refuses a migration edited after it was applied, and then applies nothing new", async () => {
  const dir = await copyMigrations("edited");
  const first = path.join(dir, FIRST, "migration.sql");
  await writeFile(first, `${await readFile(first, "utf8")}\n-- an afterthought\n`);
  await mkdir(path.join(dir, "20990101000000_later"));
  await writeFile(path.join(dir, "20990101000000_later", "migration.sql"), `CREATE TABLE "Later" (id int);`);

  await expect(applyMigrations(db, dir)).rejects.toThrow(`Migration ${FIRST} was edited after it was applied`);
  expect(await tableExists('"Later"')).toBe(false);
});

test("rolls a failing migration back entirely and does not record it", async () => {
  const dir = await copyMigrations("failing");
  await mkdir(path.join(dir, "20990101000000_broken"));
  await writeFile(
    path.join(dir, "20990101000000_broken", "migration.sql"),
    `CREATE TABLE "Half" (id int);\nALTER TABLE "NoSuchTable" ADD COLUMN x int;`,
  );

  await expect(applyMigrations(db, dir)).rejects.toThrow(/NoSuchTable/);
  expect(await tableExists('"Half"')).toBe(false);
  const { rows } = await db.query<{ name: string }>(`SELECT name FROM tessera_embedded_migrations ORDER BY name`);
  expect(rows.map((r) => r.name)).toEqual(NAMES);
});
