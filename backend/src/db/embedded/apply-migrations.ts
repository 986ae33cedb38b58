import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

// Our own bookkeeping table, not Prisma's `_prisma_migrations`: the Prisma CLI cannot be run against
// PGlite (it applies the migrations and then never exits), so the embedded database applies them itself.
const TABLE = "tessera_embedded_migrations";

/**
 * Applies `<migrationsDir>/<name>/migration.sql` in name order (Prisma's timestamp prefixes make that
 * the creation order), each in one transaction together with its bookkeeping row, so a failing
 * migration leaves neither half-applied schema nor a record of it. Re-running applies nothing.
 */
export async function applyMigrations(db: PGlite, migrationsDir: string): Promise<{ applied: string[] }> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (
       name text PRIMARY KEY,
       checksum text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const done = new Map(
    (await db.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${TABLE}`)).rows.map((r) => [
      r.name,
      r.checksum,
    ]),
  );

  const migrations = await readMigrations(migrationsDir);
  // Every edited file is reported before anything new is applied, so a refused start changes nothing.
  for (const m of migrations) {
    const checksum = done.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new Error(
        `Migration ${m.name} was edited after it was applied to the embedded database ` +
          `(${path.join(migrationsDir, m.name, "migration.sql")}); restore the applied version and put the change in a new migration`,
      );
    }
  }

  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query(`INSERT INTO ${TABLE} (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
    });
    applied.push(m.name);
  }
  return { applied };
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

async function readMigrations(migrationsDir: string): Promise<Migration[]> {
  const dirs = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrations: Migration[] = [];
  for (const name of dirs) {
    let sql: string;
    try {
      sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    migrations.push({ name, sql, checksum: createHash("sha256").update(sql).digest("hex") });
  }
  return migrations;
}
