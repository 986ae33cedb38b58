import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";

/** The PostgreSQL server tests use: DATABASE_URL when given, else the local one every machine runs. */
export const SERVER_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const MIGRATIONS_DIR = path.resolve(__dirname, "../../../prisma/migrations");

/**
 * A short fingerprint of this checkout's absolute path. Every database the tests and benches make carries
 * it, so two checkouts testing at once on one server never drop or copy each other's databases.
 */
export const CHECKOUT = createHash("sha256").update(path.resolve(__dirname, "../../..")).digest("hex").slice(0, 8);

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(new URL(SERVER_URL).pathname.slice(1) || "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fingerprint of every migration file: the template is rebuilt only when a migration changes. */
export function migrationsChecksum(): string {
  const hash = createHash("sha256");
  for (const dir of readdirSync(MIGRATIONS_DIR).sort()) {
    const file = path.join(MIGRATIONS_DIR, dir, "migration.sql");
    try {
      hash.update(dir).update(readFileSync(file));
    } catch {
      // migration_lock.toml and other non-migration entries
    }
  }
  return hash.digest("hex").slice(0, 16);
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Prefix of this checkout's migrated templates; the migrations' checksum completes the name. */
export const TEMPLATE_PREFIX = `tessera_test_template_${CHECKOUT}_`;

/** This checkout's template for the current migrations: a changed migration gets a template of its own. */
export function templateDatabase(): string {
  return `${TEMPLATE_PREFIX}${migrationsChecksum()}`;
}

/** A database of this checkout for `purpose` (e.g. a bench's), at most PostgreSQL's 63 bytes long. */
export function checkoutDatabase(purpose: string): string {
  return `tessera_${purpose}_${CHECKOUT}`.slice(0, 63);
}

/** A fresh database for one test file, copied from the migrated template (fast, and files run in parallel). */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `tessera_t_${CHECKOUT}_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase().slice(0, 30)}_${randomBytes(4).toString("hex")}`;
  const template = templateDatabase();
  await withAdmin(async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (err) {
        // Two copies of one template at the same instant can collide ("being accessed by other users").
        if (attempt >= 10 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
