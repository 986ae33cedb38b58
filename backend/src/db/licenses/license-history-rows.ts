import { Prisma } from "../../generated/prisma/client";
import type { Cause } from "../../licensing/cause";
import { historyOfNewLicense, type HistoryLine } from "../../licensing/history";
import type { LicenseChange } from "../../licensing/rules/license-change";
import { quoted } from "../columns";

// LicenseEvent rows (a license's history) as statements, for license-store.ts.

type Context = { accountId: string; cause: Cause };
type WantedLicense = Extract<LicenseChange, { kind: "create" }>;

/** History lines of rows in the CTE `from`, matched by business key, in the order given. */
export function historyOfInserted(ctx: Context, from: string, lines: { sourceKey: string; line: HistoryLine }[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "LicenseEvent" (id, "accountId", "licenseId", type, "causeType", "causeId", message, details)
    SELECT gen_random_uuid()::text, ${ctx.accountId}, i.id, h.type, ${ctx.cause.type}::"CauseType", ${ctx.cause.id}, h.message, h.details
    FROM unnest(${lines.map((l) => l.sourceKey)}::text[], ${lines.map((l) => l.line.type)}::text[], ${lines.map((l) => l.line.message)}::text[],
                ${lines.map((l) => JSON.stringify(l.line.details))}::jsonb[]) WITH ORDINALITY AS h("sourceKey", type, message, details, n)
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
    FROM unnest(${lines.map((l) => l.licenseId)}::text[], ${lines.map((l) => l.line.type)}::text[], ${lines.map((l) => l.line.message)}::text[],
                ${lines.map((l) => JSON.stringify(l.line.details))}::jsonb[]) WITH ORDINALITY AS h("licenseId", type, message, details, n)
    ORDER BY h.n`;
}
