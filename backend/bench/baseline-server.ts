import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { Pool } from "pg";
import Stripe from "stripe";

/**
 * The least a webhook receiver can do: verify the signature and insert one row. Tessera's ingest rate is
 * reported as a ratio of this, measured in the same run on the same machine and database.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const stripe = new Stripe("sk_test_baseline");
const secret = process.env.STRIPE_WEBHOOK_SECRET!;

const app = new Hono().post("/webhooks/stripe", async (c) => {
  const raw = await c.req.text();
  const event = stripe.webhooks.constructEvent(raw, c.req.header("stripe-signature") ?? "", secret, 300);
  await pool.query("INSERT INTO bench_baseline_events (id, type, payload) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [
    event.id,
    event.type,
    raw,
  ]);
  return c.json({ received: true });
});

async function main() {
  await pool.query("CREATE TABLE IF NOT EXISTS bench_baseline_events (id text PRIMARY KEY, type text NOT NULL, payload jsonb NOT NULL)");
  serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" }, () => process.stdout.write("ready\n"));
}

void main();
