import { createServer } from "node:http";
import { Pool } from "pg";
import { licensePageQuery } from "../src/db/licenses/license-listing";

/**
 * The least a license lookup can do: node:http and one pg pool running the very statement Tessera's listing
 * runs (same SQL, same page size), answering the rows as JSON. No authentication, no validation, no mapping.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const accountId = process.env.BENCH_ACCOUNT_ID!;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const customer = url.searchParams.get("customer");
  const subscription = url.searchParams.get("subscription");
  const limit = Number(url.searchParams.get("limit") ?? 25);
  const filters = customer ? { stripeCustomerId: customer } : subscription ? { subscription } : {};
  const query = licensePageQuery(accountId, filters, { after: null, limit, order: "asc" });
  pool.query(query.text, query.values).then(
    (result) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ data: result.rows.slice(0, limit) }));
    },
    (err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    },
  );
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
