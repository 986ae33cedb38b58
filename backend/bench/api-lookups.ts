import { Client } from "pg";
import { createApiKey } from "../src/api-keys/api-key-store";
import { closeDb, createDb } from "../src/db/client";
import { startFakeStripe } from "../test/fake-stripe/server";
import { spawnBackend, freePort } from "../test/harness/backend-process";
import { appSignature, TEST_APP_SECRET } from "../test/harness/dashboard";
import { median, round2, type Figure } from "./figure";
import { driveGets, type GetRun } from "./get-load";
import { startProcess, stopProcess } from "./processes";
import { analyzeOn, BENCH_BACKEND_ENV, BENCH_NODE_ARGS } from "./rig";

const LICENSES = 1000;
const ROUNDS = 3;
const REQUESTS = Number(process.env.BENCH_LOOKUPS ?? 1500);
const ADMIN_CONCURRENCY = 16;
const DASHBOARD_CONCURRENCY = 8;
const ACCOUNT = "acct_fakeplatform";
const DASHBOARD_PAGE = 25;
const ADMIN_PAGE = 100;


/** 1,000 licenses of one customer on one subscription, written straight to the tables. */
async function seed(databaseUrl: string, accountId: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE "Account" SET "stripeAccountId" = $1 WHERE id = $2`, [ACCOUNT, accountId]);
    await client.query(
      `INSERT INTO "Customer" (id, "accountId", "stripeCustomerId", email, "updatedAt") VALUES ('bench-customer', $1, 'cus_bench', 'bench@example.com', now())`,
      [accountId],
    );
    await client.query(
      `INSERT INTO "License" (id, "accountId", key, "customerId", "licenseType", spec, "maxActivations", "sourceKey", "stripeSubscriptionId",
         "stripeSubscriptionItemId", "stripePriceId", "unitIndex", "updatedAt")
       SELECT 'bench-' || i, $1, 'BENCH-' || lpad(i::text, 6, '0'), 'bench-customer', 'SUBSCRIPTION', '{}'::jsonb, 3, 'sub_bench:si_bench:' || i,
         'sub_bench', 'si_bench', 'price_bench', i, now()
       FROM generate_series(0, $2 - 1) AS i`,
      [accountId, LICENSES],
    );
  } finally {
    await client.end();
  }
}

/** Admin lookups by customer (requests/s) and the dashboard's subscription list (p95 ms), each beside the bare server. */
export async function apiLookups(databaseUrl: string): Promise<{ adminLookup: Figure; dashboardP95: Figure }> {
  const fake = await startFakeStripe();
  const backend = await spawnBackend({
    databaseUrl,
    stripeApiUrl: fake.url,
    env: { ...BENCH_BACKEND_ENV, STRIPE_APP_SECRET: TEST_APP_SECRET },
    nodeArgs: BENCH_NODE_ARGS,
  });
  const db = createDb({ connectionString: databaseUrl, max: 2 });
  const account = await db.account.findUniqueOrThrow({ where: { selfHostedMode: "test" } });
  await seed(databaseUrl, account.id);
  const { token } = await createApiKey(db, account.id, "bench");
  await closeDb(db);
  const basePort = await freePort();
  const baseline = await startProcess("backend/bench/baseline-lookup-server.ts", { DATABASE_URL: databaseUrl, PORT: String(basePort), BENCH_ACCOUNT_ID: account.id });
  await analyzeOn(databaseUrl);

  const identity = { user_id: "usr_bench", account_id: ACCOUNT };
  const dashboardUrl = `${backend.url}/dashboard/licenses?subscription=sub_bench&user_id=${identity.user_id}&account_id=${ACCOUNT}&mode=test`;
  const adminUrl = `${backend.url}/admin/licenses?customer=cus_bench&limit=${ADMIN_PAGE}`;
  const baseAdminUrl = `http://127.0.0.1:${basePort}/licenses?customer=cus_bench&limit=${ADMIN_PAGE}`;
  const baseDashboardUrl = `http://127.0.0.1:${basePort}/licenses?subscription=sub_bench&limit=${DASHBOARD_PAGE}`;
  const adminHeaders = () => ({ authorization: `Bearer ${token}` });
  const noHeaders = () => ({});
  try {
    // Warm both sides (JIT, plans, pools) before anything is timed.
    await driveGets(adminUrl, adminHeaders, ADMIN_CONCURRENCY, 300);
    await driveGets(baseAdminUrl, noHeaders, ADMIN_CONCURRENCY, 300);
    const signature = appSignature(identity, TEST_APP_SECRET);
    await driveGets(dashboardUrl, () => ({ "Stripe-Signature": signature }), DASHBOARD_CONCURRENCY, 300);
    const runs: { admin: GetRun[]; baseAdmin: GetRun[]; dashboard: GetRun[]; baseDashboard: GetRun[] } = { admin: [], baseAdmin: [], dashboard: [], baseDashboard: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.admin.push(await driveGets(adminUrl, adminHeaders, ADMIN_CONCURRENCY, REQUESTS));
      runs.baseAdmin.push(await driveGets(baseAdminUrl, noHeaders, ADMIN_CONCURRENCY, REQUESTS));
      // Signed once per round: a signature holds for 5 minutes, as one made by the app per view would.
      const signed = appSignature(identity, TEST_APP_SECRET);
      runs.dashboard.push(await driveGets(dashboardUrl, () => ({ "Stripe-Signature": signed }), DASHBOARD_CONCURRENCY, REQUESTS));
      runs.baseDashboard.push(await driveGets(baseDashboardUrl, noHeaders, DASHBOARD_CONCURRENCY, REQUESTS));
    }
    const failures = Object.values(runs).flat().reduce((n, r) => n + r.failures, 0);
    if (failures > 0) throw new Error(`${failures} lookups were not answered 200`);
    const ours = median(runs.admin.map((r) => r.perSecond));
    const base = median(runs.baseAdmin.map((r) => r.perSecond));
    const p95 = median(runs.dashboard.map((r) => r.p95));
    const baseP95 = median(runs.baseDashboard.map((r) => r.p95));
    process.stdout.write(
      `admin_lookup rounds: ${runs.admin.map((r) => r.perSecond).join(", ")} req/s vs baseline ${runs.baseAdmin.map((r) => r.perSecond).join(", ")}\n` +
        `dashboard_list_1000 p95 rounds: ${runs.dashboard.map((r) => r.p95).join(", ")} ms (p50 ${runs.dashboard.map((r) => r.p50).join(", ")}) vs baseline ${runs.baseDashboard.map((r) => r.p95).join(", ")}\n`,
    );
    return {
      adminLookup: { value: ours, unit: "requests/s", baseline: base, ratio: round2(ours / base) },
      dashboardP95: { value: p95, unit: "ms", baseline: baseP95, ratio: round2(p95 / baseP95) },
    };
  } finally {
    await stopProcess(baseline);
    await backend.stop();
    await fake.close();
  }
}
