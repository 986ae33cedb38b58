import { createHash } from "node:crypto";
import type { Pool, PoolClient, QueryConfig } from "pg";
import { Prisma } from "../generated/prisma/client";

/**
 * What the webhook engine needs from a database connection: raw SQL as Prisma's tagged templates. Prisma's
 * clients satisfy it, and so does a plain pg connection (PgSql), which the engine's transactions use
 * because Prisma's own per-statement overhead dominated the ingest rate.
 */
export interface Sql {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<number>;
}

function toSql(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql {
  return query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
}

/**
 * Names for prepared statements, one per distinct statement text, up to `capacity` texts. Most texts are
 * the code's fixed templates, but a multi-row insert has one text per row count, and a server keeps every
 * statement a connection prepared until the connection closes: past the cap, new texts run unnamed (parsed
 * each time) rather than growing both sides' memory without bound.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known || this.names.size >= this.capacity) return known;
    const name = `tessera_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    this.names.set(text, name);
    return name;
  }
}

const names = new StatementNames(500);

/**
 * Statements run as named prepared statements, so PostgreSQL parses and plans each once per connection
 * instead of on every event. Not on the embedded database: all its connections share one session, where a
 * second prepare of the same name fails.
 */
function prepared(sql: Prisma.Sql, named: boolean): QueryConfig {
  const name = named ? names.nameFor(sql.text) : undefined;
  return name ? { name, text: sql.text, values: sql.values } : { text: sql.text, values: sql.values };
}

/** A pool and whether its server keeps a session per connection (PostgreSQL) or shares one (PGlite). */
export interface SqlPool {
  pool: Pool;
  namedStatements: boolean;
}

export class PgSql implements Sql {
  constructor(
    private readonly client: Pool | PoolClient,
    private readonly namedStatements: boolean,
  ) {}

  async $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T> {
    return (await this.client.query(prepared(toSql(query, values), this.namedStatements))).rows as T;
  }

  async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
    return (await this.client.query(prepared(toSql(query, values), this.namedStatements))).rowCount ?? 0;
  }
}

// PostgreSQL's own advice for these is to run the transaction again: nothing of it was kept.
const RETRYABLE = new Set(["40P01" /* deadlock_detected */, "40001" /* serialization_failure */]);
const ATTEMPTS = 3;

async function transactionOnce<T>({ pool, namedStatements }: SqlPool, fn: (tx: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(new PgSql(client, namedStatements));
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Runs `fn` in one transaction on one pooled connection: committed if it returns, rolled back if it throws.
 * A deadlock (say, the grace sweeper and an event locking one subscription's licenses in other orders)
 * runs it again, up to three times in all, so `fn` must keep its effects inside the transaction.
 */
export async function sqlTransaction<T>(pool: SqlPool, fn: (tx: Sql) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transactionOnce(pool, fn);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== "string" || !RETRYABLE.has(code)) throw err;
    }
  }
}
