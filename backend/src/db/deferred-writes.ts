import { Prisma } from "../generated/prisma/client";
import type { Sql, SqlTx } from "./sql";

/**
 * A write that travels with the statement recording the event, as one named CTE of it: the event's
 * writes, its inbox row and the COMMIT cost one round trip. `expectRows`, when set, is how many rows the
 * write must return; anything else aborts the transaction (see commitWithWrites).
 */
export interface DeferredWrite {
  name: string;
  sql: Prisma.Sql;
  expectRows?: number;
}

/** The statement's own write found its row already there: the event is already recorded. */
export class AlreadyRecorded extends Error {
  constructor() {
    super("The event is already recorded");
  }
}

const ALREADY_RECORDED = "TSDUP";

/**
 * `WITH <writes>, "recorded" AS (<main>) SELECT <checks>`: PostgreSQL runs every write to completion
 * whether or not the final SELECT reads it, and the check function (migration check_event_writes) raises
 * when `main` returned no row or a write touched other rows than it promised.
 */
export function statementWithWrites(writes: DeferredWrite[], main: Prisma.Sql): Prisma.Sql {
  const ctes = [...writes.map((w) => Prisma.sql`${Prisma.raw(`"${w.name}"`)} AS (${w.sql})`), Prisma.sql`"recorded" AS (${main})`];
  const checked = writes.filter((w) => w.expectRows !== undefined);
  const names = checked.map((w) => `'${w.name}'`).join(", ");
  const touched = checked.map((w) => `(SELECT count(*) FROM "${w.name}")`).join(", ");
  return Prisma.sql`
    WITH ${Prisma.join(ctes, ", ")}
    SELECT tessera_check_event_writes((SELECT count(*) FROM "recorded"), ${Prisma.raw(`ARRAY[${names}]::text[]`)},
      ${Prisma.raw(`ARRAY[${touched}]::bigint[]`)}, ${checked.map((w) => w.expectRows!)}::bigint[])`;
}

/**
 * Runs `main` with the writes in front of it as the transaction's last statement, and commits in the same
 * round trip. `main` must return a row (RETURNING) when it did its job. A write that touched other rows than
 * it promised, e.g. a license insert that met an existing business key under a lock that should have made
 * that impossible, fails the statement, so COMMIT never runs: rolled back rather than half-written.
 */
export async function commitWithWrites(tx: SqlTx, writes: DeferredWrite[], main: Prisma.Sql): Promise<void> {
  await commitStatement(tx, statementWithWrites(writes, main));
}

/** Sends a statement built by statementWithWrites with COMMIT; a duplicate inbox row is AlreadyRecorded. */
export async function commitStatement(tx: SqlTx, statement: Prisma.Sql): Promise<void> {
  try {
    await tx.commitWith(statement);
  } catch (err) {
    throw asRecordingError(err);
  }
}

/** The check function's refusal of a duplicate, as the AlreadyRecorded it means; other errors as they are. */
export function asRecordingError(err: unknown): unknown {
  return (err as { code?: unknown } | null)?.code === ALREADY_RECORDED ? new AlreadyRecorded() : err;
}

/** The writes now, in one statement, with their row counts checked; for callers holding the locks. */
export async function runWrites(sql: Sql, writes: DeferredWrite[]): Promise<void> {
  await sql.$queryRaw`${statementWithWrites(writes, Prisma.sql`SELECT 1 AS done`)}`;
}
