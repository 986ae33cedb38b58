import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import type { Sql } from "./sql";

/**
 * Migrations in the folder that the database has not applied (per Prisma's `_prisma_migrations`).
 * The server refuses to start on a database behind its code rather than fail later on a missing column.
 */
export async function pendingMigrations(sql: Sql, migrationsDir: string): Promise<string[]> {
  const expected = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
  const [table] = await sql.$queryRaw<{ exists: boolean }[]>`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`;
  if (!table?.exists) return expected;
  const applied = await sql.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const done = new Set(applied.map((r) => r.migration_name));
  return expected.filter((name) => !done.has(name));
}
