import { Client } from "pg";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
const catalog = { products: [{ shortCode: "APP", policies: [{ code: "std", isDefault: true }] }] };

beforeAll(async () => {
  env = await startWebhookEnv("account_lanes");
  await seedCatalog(env.backend.db, env.backend.accountId, catalog);
});

afterAll(() => env?.close());

test("one account's transaction waiting on a lock does not hold up another account's events", async () => {
  const other = await env.backend.db.account.create({ data: { kind: "CONNECTED", stripeAccountId: "acct_lanes", livemode: false } });
  await seedCatalog(env.backend.db, other.id, catalog);
  const mine = new StripeWorld(env.fake.store, { name: "laneA" });
  const theirs = new StripeWorld(env.fake.store, { name: "laneB", account: "acct_lanes" });
  const monthly = (w: StripeWorld) => w.price({ product: w.product(), recurring: { interval: "month" }, metadata: { short_code: "APP" } });

  const blocked = mine.subscribe({ customer: mine.customer(), items: [{ price: monthly(mine), quantity: 1 }] });
  await deliverAll(env.backend, blocked.events);

  // Something else holds the subscription's state row (a long transaction elsewhere), so the next event of
  // that subscription waits for it, inside the first account's lane.
  const holder = new Client({ connectionString: env.database.url });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query(`SELECT 1 FROM "SubscriptionState" WHERE "stripeSubscriptionId" = $1 FOR UPDATE`, [blocked.subscription.id]);
  let released = false;
  const waiting = deliverAll(env.backend, mine.setQuantity(blocked.subscription, 0, 2).events).then((a) => ({ a, released }));
  // The lock goes after 3 s whatever happens, so a lane that does hold others up shows as slow answers.
  const release = new Promise<void>((resolve) =>
    setTimeout(() => {
      released = true;
      void holder.query("COMMIT").then(() => holder.end()).then(resolve);
    }, 3000),
  );
  await new Promise((r) => setTimeout(r, 300));

  const theirPrice = monthly(theirs);
  const started = performance.now();
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: 5 }, async () => {
      const sub = theirs.subscribe({ customer: theirs.customer(), items: [{ price: theirPrice, quantity: 1 }] });
      const t = performance.now();
      const answers = await deliverAll(env.backend, sub.events);
      latencies.push(Math.round(performance.now() - t));
      expect(answers.map((a) => a.status)).toContain("PROCESSED");
    }),
  );
  const othersDoneMs = Math.round(performance.now() - started);
  process.stdout.write(`[lanes] other account's 5 subscriptions answered in ${othersDoneMs} ms (each ${latencies.join(", ")} ms) while the lock was held\n`);
  expect(released).toBe(false);
  expect(Math.max(...latencies)).toBeLessThan(2000);

  await release;
  const first = await waiting;
  // The blocked event answered only after the lock went; the other account never waited for it.
  expect(first.released).toBe(true);
  expect(first.a.map((a) => a.status)).toEqual(["PROCESSED"]);
  expect(await env.backend.db.license.count({ where: { accountId: other.id } })).toBe(5);
});
