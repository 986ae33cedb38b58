import { Prisma } from "../../generated/prisma/client";
import type { Cause } from "../../licensing/cause";
import { historyOfNewLicense, type HistoryLine } from "../../licensing/history";
import type { LicenseChange } from "../../licensing/rules/license-change";
import { quoted } from "../columns";
import { recordset } from "../recordset";

// LicenseEvent rows (a license's history) as statements, for license-store.ts.

type Context = { accountId: string; cause: Cause };

const LINE = { type: "text", message: "text", details: "jsonb", n: "int" } as const;
const HISTORY_BY_SOURCE = { sourceKey: "text", ...LINE };
const HISTORY_BY_LICENSE = { licenseId: "text", ...LINE };
type WantedLicense = Extract<LicenseChange, { kind: "create" }>;

/** History lines of rows in the CTE `from`, matched by business key, in the order given. */
export function historyOfInserted(ctx: Context, from: string, lines: { sourceKey: string; line: HistoryLine }[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "LicenseEvent" (id, "accountId", "licenseId", type, "causeType", "causeId", message, details)
    SELECT gen_random_uuid()::text, ${ctx.accountId}, i.id, h.type, ${ctx.cause.type}::"CauseType", ${ctx.cause.id}, h.message, h.details
    FROM ${recordset("h", HISTORY_BY_SOURCE, lines.map((l, n) => ({ sourceKey: l.sourceKey, ...l.line, n })))}
    JOIN ${Prisma.raw(quoted(from))} i ON i."sourceKey" = h."sourceKey"
    ORDER BY h.n`;
}

export const createdLines = (wanted: WantedLicense[]) =>
  wanted.flatMap((w) => historyOfNewLicense(w.license, w.message).map((line) => ({ sourceKey: w.license.sourceKey, line })));

/** History lines of existing licenses, written with the change's cause. */
export function historyInsert(ctx: Context, lines: { licenseId: string; line: HistoryLine }[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "LicenseEvent" (id, "accountId", "licenseId", type, "causeType", "causeId", message, details)
    SELECT gen_random_uuid()::text, ${ctx.accountId}, h."licenseId", h.type, ${ctx.cause.type}::"CauseType", ${ctx.cause.id}, h.message, h.details
    FROM ${recordset("h", HISTORY_BY_LICENSE, lines.map((l, n) => ({ licenseId: l.licenseId, ...l.line, n })))}
    ORDER BY h.n`;
}
