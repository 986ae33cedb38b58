import { readFileSync } from "node:fs";
import path from "node:path";
import { getDMMF } from "@prisma/internals";
import { LICENSE_COLUMNS, POLICY_COLUMNS, type SqlType } from "./columns";

const SCHEMA = path.resolve(__dirname, "../../../prisma/schema.prisma");

/** The SQL type a Prisma field's values are cast to in plain SQL. */
function sqlTypeOf(field: { kind: string; type: string }): SqlType | undefined {
  if (field.kind === "enum") return `"${field.type}"` as SqlType;
  return ({ String: "text", Int: "int", Boolean: "boolean", Json: "jsonb", DateTime: "timestamptz" } as Record<string, SqlType>)[field.type];
}

async function scalarColumns(model: string): Promise<Record<string, SqlType | undefined>> {
  const dmmf = await getDMMF({ datamodel: readFileSync(SCHEMA, "utf8") });
  const fields = dmmf.datamodel.models.find((m) => m.name === model)!.fields.filter((f) => f.kind !== "object");
  return Object.fromEntries(fields.map((f) => [f.name, sqlTypeOf(f)]));
}

test.each([
  ["License", LICENSE_COLUMNS],
  ["Policy", POLICY_COLUMNS],
])("the %s columns plain SQL writes are exactly the schema's, with the schema's types", async (model, columns) => {
  expect(columns).toEqual(await scalarColumns(model));
});
