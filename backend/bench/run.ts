import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SERVER_URL, checkoutDatabase, databaseUrl, withAdmin } from "../test/harness/postgres";
import type { Figure } from "./figure";
import type { CpuBreakdown } from "./rig";
import { ROOT } from "./processes";
import { apiLookups } from "./api-lookups";
import { embeddedIngest } from "./embedded-ingest";
import { licenseValidate } from "./license-validate";
import { mixedIngest } from "./mixed-ingest";
import { webhookIngest } from "./webhook-ingest";

async function freshDatabase(name: string, migrate: boolean): Promise<string> {
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  const url = databaseUrl(name);
  if (migrate) {
    execFileSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  }
  return url;
}

// BENCH_ONLY=name,name runs those benchmarks only (webhook_ingest runs with webhook_ingest_embedded, which is
// reported beside it).
const only = process.env.BENCH_ONLY?.split(",");
const wanted = (name: string) => !only || only.includes(name);

/** Runs every benchmark and writes bench/results/latest.json, so the next run can be compared with it. */
async function main() {
  process.stdout.write(`PostgreSQL: ${new URL(SERVER_URL).host}\n`);
  const results: Record<string, Figure> = {};
  let mixedBreakdown: { ours: CpuBreakdown; base: CpuBreakdown } | undefined;
  // Named for this checkout, so a bench in another checkout on the same server keeps its own databases.
  const ingest =
    wanted("webhook_ingest") || wanted("webhook_ingest_embedded")
      ? await webhookIngest(await freshDatabase(checkoutDatabase("bench"), true), await freshDatabase(checkoutDatabase("bench_baseline"), false))
      : null;
  if (ingest) results.webhook_ingest = ingest.rate;
  if (ingest && wanted("webhook_ingest_embedded")) results.webhook_ingest_embedded = await embeddedIngest(ingest.rate.value);
  if (wanted("webhook_ingest_mixed")) {
    const mixed = await mixedIngest(
      await freshDatabase(checkoutDatabase("bench_mixed"), true),
      await freshDatabase(checkoutDatabase("bench_mixed_baseline"), false),
    );
    results.webhook_ingest_mixed = mixed.rate;
    mixedBreakdown = mixed.breakdown;
    if (mixed.cpu) results.webhook_ingest_mixed_cpu = mixed.cpu;
  }
  if (wanted("admin_lookup") || wanted("dashboard_list_1000_p95")) {
    const lookups = await apiLookups(await freshDatabase(checkoutDatabase("bench_lookups"), true));
    results.admin_lookup = lookups.adminLookup;
    results.dashboard_list_1000_p95 = lookups.dashboardP95;
  }
  if (wanted("license_validate") || wanted("license_validate_p99")) {
    const validate = await licenseValidate(await freshDatabase(checkoutDatabase("bench_validate"), true));
    results.license_validate = validate.rate;
    results.license_validate_p99 = validate.p99;
  }
  if (ingest) {
    results.webhook_ingest_memory = ingest.memory;
    if (ingest.cpu) results.webhook_ingest_cpu = ingest.cpu;
  }
  for (const [name, f] of Object.entries(results)) {
    process.stdout.write(`${name}: ${f.value} ${f.unit} (baseline ${f.baseline} ${f.unit}, ratio ${f.ratio})\n`);
  }
  const breakdown = (what: string, { ours, base }: { ours: CpuBreakdown; base: CpuBreakdown }) =>
    process.stdout.write(
      `${what}: Tessera server ${ours.server}, PostgreSQL ${ours.postgres}, load generator and fake Stripe ${ours.harness}; ` +
        `baseline server ${base.server}, PostgreSQL ${base.postgres}, load generator ${base.harness}\n`,
    );
  if (ingest) breakdown("webhook_ingest, CPU ms per event", ingest.breakdown);
  if (mixedBreakdown) breakdown("webhook_ingest_mixed, CPU ms per delivery", mixedBreakdown);
  const out = path.join(ROOT, "bench/results/latest.json");
  mkdirSync(path.dirname(out), { recursive: true });
  // A partial run (BENCH_ONLY) updates its own figures and keeps the others of the last run.
  const kept = only && existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as Record<string, Figure>) : {};
  writeFileSync(out, `${JSON.stringify({ ...kept, ...results }, null, 2)}\n`);
  process.stdout.write(`written ${path.relative(ROOT, out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
