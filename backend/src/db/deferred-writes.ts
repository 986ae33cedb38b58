import { Prisma } from "../generated/prisma/client";
import type { Sql } from "./sql";

/**
 * A write that travels with the statement recording the event, as one named CTE of it: the event's
 * writes and its inbox row cost one round trip. `expectRows`, when set, is how many rows the write must
 * return; anything else aborts the transaction (see runWithWrites).
 */
export interface DeferredWrite {
  name: string;
  sql: Prisma.Sql;
  expectRows?: number;
}

/** `WITH a AS (…), b AS (…)` in front of a statement, or nothing. */
function withClause(writes: DeferredWrite[]): Prisma.Sql {
  if (writes.length === 0) return Prisma.empty;
  return Prisma.sql`WITH ${Prisma.join(
    writes.map((w) => Prisma.sql`${Prisma.raw(`"${w.name}"`)} AS (${w.sql})`),
    ", ",
  )} `;
}

/** Columns for the statement's RETURNING list: the row count of every write that expects one. */
function rowCounts(writes: DeferredWrite[]): Prisma.Sql {
  const checked = writes.filter((w) => w.expectRows !== undefined);
  if (checked.length === 0) return Prisma.empty;
  return Prisma.sql`, ${Prisma.join(
    checked.map((w) => Prisma.raw(`(SELECT count(*) FROM "${w.name}") AS "rows:${w.name}"`)),
    ", ",
  )}`;
}

/**
 * Runs `main` with the writes in front of it, as one statement, and returns its rows. `main` must end in
 * its RETURNING (or SELECT) list: the writes' row counts are appended to it and checked on the first row.
 * A write that touched other rows than it promised, e.g. a license insert that met an existing business
 * key under a lock that should have made that impossible, throws: rolled back rather than half-written.
 */
export async function runWithWrites(tx: Sql, writes: DeferredWrite[], main: Prisma.Sql): Promise<Record<string, unknown>[]> {
  const rows = await tx.$queryRaw<Record<string, unknown>[]>`${withClause(writes)} ${main} ${rowCounts(writes)}`;
  const first = rows[0];
  if (first) {
    for (const w of writes) {
      if (w.expectRows === undefined) continue;
      const got = Number(first[`rows:${w.name}`]);
      if (got !== w.expectRows) throw new Error(`Write ${w.name} touched ${got} row(s), expected ${w.expectRows}`);
    }
  }
  return rows;
}
