import { execFileSync } from "node:child_process";
import path from "node:path";
import { TEMPLATE_DB, databaseUrl, migrationsChecksum, withAdmin } from "./postgres";

/**
 * Builds the template database once per run with the project's own `prisma migrate deploy`, so every test
 * file starts from exactly the migrations a deployment applies.
 */
export default async function globalSetup() {
  const checksum = migrationsChecksum();
  const current = await withAdmin(async (admin) => {
    const r = await admin.query(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [TEMPLATE_DB],
    );
    return r.rows[0] as { comment: string | null } | undefined;
  });
  if (current?.comment === checksum) return;
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  });
  const root = path.resolve(__dirname, "../../..");
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DB) },
    stdio: "pipe",
  });
  await withAdmin((admin) => admin.query(`COMMENT ON DATABASE "${TEMPLATE_DB}" IS '${checksum}'`));
}
