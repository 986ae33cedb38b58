import { createServer } from "node:http";
import { Pool } from "pg";
import { licenseByKeyQuery } from "../src/db/licenses/license-reads";

/**
 * The least a license validation can do: node:http and one pg pool running the very statement Tessera's
 * validation runs (the key lookup with users and machines), answering the row as JSON. No validation of
 * the body, no rules, no signature, no rate limits.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk));
  req.on("end", () => {
    const query = licenseByKeyQuery((JSON.parse(body) as { key: string }).key);
    pool.query(query.text, query.values).then(
      (result) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(result.rows[0] ?? null));
      },
      (err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      },
    );
  });
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
