import { execFileSync } from "node:child_process";
import path from "node:path";
import { TEMPLATE_PREFIX, databaseUrl, templateDatabase, withAdmin } from "./postgres";

/**
 * Builds this checkout's template database once per migration set with the project's own `prisma migrate
 * deploy`, so every test file starts from exactly the migrations a deployment applies. The name carries
 * the checkout and the migrations' checksum; templates of this checkout for older migrations are dropped,
 * and no other checkout's database is touched.
 */
export default async function globalSetup() {
  const template = templateDatabase();
  const ready = await withAdmin(async (admin) => {
    const r = await admin.query("SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1", [template]);
    return (r.rows[0] as { comment: string | null } | undefined)?.comment === "ready";
  });
  if (!ready) {
    await withAdmin(async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${template}"`);
    });
    const root = path.resolve(__dirname, "../../..");
    execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl(template) },
      stdio: "pipe",
    });
    // Marks the template complete: a run stopped halfway through the migrations leaves no comment.
    await withAdmin((admin) => admin.query(`COMMENT ON DATABASE "${template}" IS 'ready'`));
  }
  await withAdmin(async (admin) => {
    const stale = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2",
      [TEMPLATE_PREFIX, template],
    );
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
