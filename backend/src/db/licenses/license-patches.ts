import { Prisma } from "../../generated/prisma/client";
import type { LicenseChange } from "../../licensing/rules/license-change";
import { LICENSE_COLUMNS, licenseTypeToDb, type LicenseColumn } from "../columns";

// Changes to existing License rows as one UPDATE, for license-store.ts.

/** Every field a change may set on a license; a license changed twice in one event gets one row. */
interface LicensePatch {
  id: string;
  status: "ACTIVE" | "DISABLED" | null;
  disabledReason: string | null;
  manuallyDisabled: boolean | null;
  setExpiresAt: boolean;
  expiresAt: Date | null;
  setGraceUntil: boolean;
  graceUntil: Date | null;
  respec: Extract<LicenseChange, { kind: "respec" }> | null;
  resetConsumption: boolean;
  invoiceId: string | null;
}

export type ExistingChange = Exclude<LicenseChange, { kind: "create" }>;

export function patchesOf(changes: ExistingChange[]): LicensePatch[] {
  const patches = new Map<string, LicensePatch>();
  for (const change of changes) {
    if (change.kind === "note") continue;
    const p = patches.get(change.licenseId) ?? {
      id: change.licenseId,
      status: null,
      disabledReason: null,
      manuallyDisabled: null,
      setExpiresAt: false,
      expiresAt: null,
      setGraceUntil: false,
      graceUntil: null,
      respec: null,
      resetConsumption: false,
      invoiceId: null,
    };
    switch (change.kind) {
      case "enable":
        Object.assign(p, { status: "ACTIVE", disabledReason: null, ...(change.byHand ? { manuallyDisabled: false } : {}) });
        break;
      case "disable":
        // A disabled license is in no grace: whichever way it got disabled, it ends the same.
        Object.assign(p, {
          status: "DISABLED",
          disabledReason: change.reason,
          setGraceUntil: true,
          graceUntil: null,
          ...(change.byHand ? { manuallyDisabled: true } : {}),
        });
        break;
      case "extend":
        Object.assign(p, { setExpiresAt: true, expiresAt: change.expiresAt });
        break;
      case "grace":
        Object.assign(p, { setGraceUntil: true, graceUntil: change.graceUntil });
        break;
      case "respec":
        Object.assign(p, { respec: change, setExpiresAt: true, expiresAt: change.expiresAt });
        break;
      case "resetConsumption":
        p.resetConsumption = true;
        break;
      case "relink":
        p.invoiceId = change.invoiceId;
        break;
    }
    patches.set(change.licenseId, p);
  }
  return [...patches.values()];
}

/** One UPDATE for every changed license, whatever the number: the columns travel as arrays. */
export function licenseUpdates(accountId: string, patches: LicensePatch[]): Prisma.Sql {
  const col = <T>(f: (p: LicensePatch) => T) => patches.map(f);
  const spec = (p: LicensePatch) => p.respec?.spec ?? null;
  const t = (c: LicenseColumn) => Prisma.raw(`${LICENSE_COLUMNS[c]}[]`);
  return Prisma.sql`
    UPDATE "License" l SET
      status = COALESCE(u.status, l.status),
      "disabledReason" = CASE WHEN u.status IS NULL THEN l."disabledReason" ELSE u."disabledReason" END,
      "manuallyDisabled" = COALESCE(u."manuallyDisabled", l."manuallyDisabled"),
      "expiresAt" = CASE WHEN u."setExpiresAt" THEN u."expiresAt" ELSE l."expiresAt" END,
      "graceUntil" = CASE WHEN u."setGraceUntil" THEN u."graceUntil" ELSE l."graceUntil" END,
      spec = COALESCE(u.spec, l.spec),
      "licenseType" = COALESCE(u."licenseType", l."licenseType"),
      "productId" = CASE WHEN u.spec IS NULL THEN l."productId" ELSE u."productId" END,
      "policyId" = CASE WHEN u.spec IS NULL THEN l."policyId" ELSE u."policyId" END,
      "stripePriceId" = COALESCE(u."stripePriceId", l."stripePriceId"),
      "maxActivations" = COALESCE(u."maxActivations", l."maxActivations"),
      "floatingUsers" = CASE WHEN u.spec IS NULL THEN l."floatingUsers" ELSE u."floatingUsers" END,
      "maxLicenseUsers" = CASE WHEN u.spec IS NULL THEN l."maxLicenseUsers" ELSE u."maxLicenseUsers" END,
      "maxConsumptions" = CASE WHEN u.spec IS NULL THEN l."maxConsumptions" ELSE u."maxConsumptions" END,
      "consumptionUsed" = CASE WHEN u."resetConsumption" THEN 0 ELSE l."consumptionUsed" END,
      "stripeInvoiceId" = COALESCE(u."stripeInvoiceId", l."stripeInvoiceId"),
      "updatedAt" = now()
    FROM unnest(
      ${col((p) => p.id)}::${t("id")}, ${col((p) => p.status)}::${t("status")}, ${col((p) => p.disabledReason)}::${t("disabledReason")},
      ${col((p) => p.manuallyDisabled)}::${t("manuallyDisabled")},
      ${col((p) => p.setExpiresAt)}::boolean[], ${col((p) => p.expiresAt)}::${t("expiresAt")},
      ${col((p) => p.setGraceUntil)}::boolean[], ${col((p) => p.graceUntil)}::${t("graceUntil")},
      ${col((p) => (spec(p) ? JSON.stringify(spec(p)) : null))}::${t("spec")},
      ${col((p) => (spec(p) ? licenseTypeToDb(spec(p)!.licenseType) : null))}::${t("licenseType")},
      ${col((p) => spec(p)?.productId ?? null)}::${t("productId")}, ${col((p) => spec(p)?.policyId ?? null)}::${t("policyId")},
      ${col((p) => p.respec?.priceId ?? null)}::${t("stripePriceId")}, ${col((p) => p.respec?.maxActivations ?? null)}::${t("maxActivations")},
      ${col((p) => p.respec?.floatingUsers ?? null)}::${t("floatingUsers")}, ${col((p) => p.respec?.maxLicenseUsers ?? null)}::${t("maxLicenseUsers")},
      ${col((p) => spec(p)?.maxConsumptions ?? null)}::${t("maxConsumptions")}, ${col((p) => p.resetConsumption)}::boolean[],
      ${col((p) => p.invoiceId)}::${t("stripeInvoiceId")}
    ) AS u(id, status, "disabledReason", "manuallyDisabled", "setExpiresAt", "expiresAt", "setGraceUntil", "graceUntil", spec,
           "licenseType", "productId", "policyId", "stripePriceId", "maxActivations", "floatingUsers", "maxLicenseUsers",
           "maxConsumptions", "resetConsumption", "stripeInvoiceId")
    WHERE l.id = u.id AND l."accountId" = ${accountId}
    RETURNING l.id`;
}
