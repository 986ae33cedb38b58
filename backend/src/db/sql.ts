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

const names = new Map<string, string>();

/**
 * Each distinct statement text becomes a named prepared statement, so PostgreSQL parses and plans it once
 * per connection instead of on every event. The texts are the code's own templates: their number is small.
 * Not on the embedded database: all its connections share one session, where a second prepare of the same
 * name fails.
 */
function prepared(sql: Prisma.Sql, named: boolean): QueryConfig {
  if (!named) return { text: sql.text, values: sql.values };
  let name = names.get(sql.text);
  if (!name) {
    name = `tessera_${createHash("sha1").update(sql.text).digest("hex").slice(0, 16)}`;
    names.set(sql.text, name);
  }
  return { name, text: sql.text, values: sql.values };
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

/** Runs `fn` in one transaction on one pooled connection: committed if it returns, rolled back if it throws. */
export async function sqlTransaction<T>({ pool, namedStatements }: SqlPool, fn: (tx: Sql) => Promise<T>): Promise<T> {
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
