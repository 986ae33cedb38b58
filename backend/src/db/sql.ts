import { createHash } from "node:crypto";
import type { Pool, PoolClient, QueryConfig, QueryResult } from "pg";
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

/**
 * A transaction that can send several statements in one round trip. Each round trip wakes the server's
 * backend process and this one, which costs more CPU than most of the statements themselves.
 */
export interface SqlTx extends Sql {
  /** Runs the statements in order, in one round trip; the rows of each. */
  pipeline(queries: Prisma.Sql[]): Promise<Record<string, unknown>[][]>;
  /** Runs the transaction's last statement and commits, in one round trip; its rows. */
  commitWith(query: Prisma.Sql): Promise<Record<string, unknown>[]>;
  /** Commits after the statements asked for in this tick, in their round trip. */
  commit(): Promise<void>;
}

function toSql(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql {
  return query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
}

/**
 * Names for prepared statements, one per distinct statement text, up to `capacity` texts. node-postgres
 * parses a named statement once per connection and remembers it; choosing the name is ours. Most texts are
 * the code's fixed templates, and a server keeps every statement a connection prepared until the
 * connection closes: past the cap, new texts run unnamed (parsed each time) rather than growing both
 * sides' memory without bound.
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
 * A statement as node-postgres runs it, named so PostgreSQL parses and plans it once per connection instead
 * of on every event. Not on the embedded database: all its connections share one session, where a second
 * prepare of the same name fails.
 */
function statement(sql: Prisma.Sql, named: boolean): QueryConfig {
  // Prisma builds `text` anew on every read.
  const text = sql.text;
  const name = named ? names.nameFor(text) : undefined;
  return name ? { name, text, values: sql.values } : { text, values: sql.values };
}

/** A pool and whether its server keeps a session per connection (PostgreSQL) or shares one (PGlite). */
export interface SqlPool {
  pool: Pool;
  namedStatements: boolean;
}

/** Statements on the pool, each on whichever connection is free (no transaction). */
export class PgSql implements Sql {
  constructor(
    private readonly client: Pool,
    private readonly namedStatements: boolean,
  ) {}

  async $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T> {
    return (await this.client.query(statement(toSql(query, values), this.namedStatements))).rows as T;
  }

  async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
    return (await this.client.query(statement(toSql(query, values), this.namedStatements))).rowCount ?? 0;
  }
}

const BEGIN: QueryConfig = { text: "BEGIN" };
const COMMIT: QueryConfig = { text: "COMMIT" };

interface Pending {
  queries: Prisma.Sql[];
  commit: boolean;
  resolve(results: QueryResult[]): void;
  reject(err: unknown): void;
}

/**
 * Sends the statements without waiting between them: the pool's connections run in node-postgres's
 * pipeline mode, which writes each statement as soon as it is asked for and hands the answers back in
 * order. Corking the socket for the group makes it one write instead of one per statement. Inside a
 * transaction a failed statement aborts it, so the statements after it fail too and change nothing.
 */
function sendTogether(client: PoolClient, statements: QueryConfig[]): Promise<QueryResult[]> {
  const { stream } = client.connection;
  stream.cork();
  try {
    return Promise.all(statements.map((s) => client.query(s)));
  } finally {
    stream.uncork();
  }
}

/**
 * A transaction on one pooled connection whose BEGIN travels with its first statement and whose COMMIT
 * travels with its last (commitWith): a lock-then-write transaction costs two round trips, not four.
 * Statements asked for in the same tick, e.g. by several events sharing the transaction, also share a
 * round trip: they go out together on the next tick, in the order they were asked for.
 */
class PgTransaction implements SqlTx {
  private begun = false;
  private committing = false;
  private committed = false;
  private pending: Pending[] = [];
  /** The statements on the wire, if any; settles when their answers are in. */
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: PoolClient,
    private readonly namedStatements: boolean,
  ) {}

  private run(queries: Prisma.Sql[], commit: boolean): Promise<QueryResult[]> {
    if (this.committing) return Promise.reject(new Error("The transaction is already committing"));
    this.committing = commit;
    return new Promise((resolve, reject) => {
      if (this.pending.push({ queries, commit, resolve, reject }) === 1) process.nextTick(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const statements: QueryConfig[] = this.begun ? [] : [BEGIN];
    this.begun = true;
    const starts = batch.map((p) => {
      const start = statements.length;
      statements.push(...p.queries.map((q) => statement(q, this.namedStatements)));
      return start;
    });
    const commit = batch.some((p) => p.commit);
    if (commit) statements.push(COMMIT);
    this.inFlight = sendTogether(this.client, statements).then(
      (results) => {
        this.committed = commit;
        batch.forEach((p, i) => p.resolve(results.slice(starts[i], starts[i]! + p.queries.length)));
      },
      (err: unknown) => batch.forEach((p) => p.reject(err)),
    );
  }

  /** Whatever is still queued goes out now, and the connection is quiet when this settles. */
  private async drain(): Promise<void> {
    this.flush();
    await this.inFlight;
  }

  async pipeline(queries: Prisma.Sql[]): Promise<Record<string, unknown>[][]> {
    return (await this.run(queries, false)).map((r) => r.rows);
  }

  async commitWith(query: Prisma.Sql): Promise<Record<string, unknown>[]> {
    return (await this.run([query], true))[0]!.rows;
  }

  async commit(): Promise<void> {
    await this.run([], true);
  }

  async $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T> {
    return (await this.run([toSql(query, values)], false))[0]!.rows as T;
  }

  async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
    return (await this.run([toSql(query, values)], false))[0]!.rowCount ?? 0;
  }

  /** COMMIT unless commitWith or commit sent it; nothing to send when no statement ran. */
  async finish(): Promise<void> {
    await this.drain();
    if (this.begun && !this.committed) await this.client.query(COMMIT);
  }

  /**
   * Statements still queued are dropped unsent, and statements on the wire are waited for, so that nothing
   * of this transaction reaches the connection after it goes back to the pool.
   */
  async rollback(): Promise<void> {
    const dropped = this.pending;
    this.pending = [];
    for (const p of dropped) p.reject(new Error("The transaction rolled back before this statement was sent"));
    await this.inFlight.catch(() => undefined);
    if (this.begun && !this.committed) await this.client.query("ROLLBACK");
  }
}

/**
 * Runs `fn` in one transaction on one pooled connection: committed if it returns, rolled back if it throws.
 * It runs once; whether a failure is worth another run is the caller's decision (see isRetryableConflict).
 */
export async function sqlTransaction<T>({ pool, namedStatements }: SqlPool, fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const tx = new PgTransaction(client, namedStatements);
  try {
    const result = await fn(tx);
    await tx.finish();
    return result;
  } catch (err) {
    await tx.rollback().catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

// PostgreSQL's own advice for these is to run the transaction again: nothing of it was kept.
const CONFLICTS = new Set(["40P01" /* deadlock_detected */, "40001" /* serialization_failure */]);

/** A deadlock or serialization failure: the transaction kept nothing, and running it again may succeed. */
export function isRetryableConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && CONFLICTS.has(code);
}
