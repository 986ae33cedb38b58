import { Prisma } from "../generated/prisma/client";
import { quoted } from "./columns";

/**
 * Rows as one JSON parameter, read back as a table: `json_to_recordset($1) AS alias(col type, …)`. One
 * parameter and one statement text whatever the number of rows (PostgreSQL takes at most 65,535 parameters
 * to a statement), and PostgreSQL reads it as cheaply as VALUES; arrays per column (unnest) cost it three
 * times as much for the usual single row. Rows keep their order; `jsonb` columns take nested values as they are.
 */
export function recordset<C extends string>(alias: string, types: Record<C, string>, rows: Record<C, unknown>[]): Prisma.Sql {
  const columns = Object.keys(types) as C[];
  const definition = columns.map((c) => `${quoted(c)} ${types[c]}`).join(", ");
  return Prisma.sql`json_to_recordset(${JSON.stringify(rows)}::json) AS ${Prisma.raw(`${alias}(${definition})`)}`;
}
