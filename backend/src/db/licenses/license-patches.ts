import { Prisma } from "../../generated/prisma/client";
import type { LicenseChange } from "../../licensing/rules/license-change";
import { LICENSE_COLUMNS, licenseTypeToDb } from "../columns";
import { recordset } from "../recordset";

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

const T = LICENSE_COLUMNS;
/** The columns of one patch row, typed as the License columns they set. */
const PATCH_TYPES = {
  id: T.id,
  status: T.status,
  disabledReason: T.disabledReason,
  manuallyDisabled: T.manuallyDisabled,
  setExpiresAt: "boolean",
  expiresAt: T.expiresAt,
  setGraceUntil: "boolean",
  graceUntil: T.graceUntil,
  spec: T.spec,
  licenseType: T.licenseType,
  productId: T.productId,
  policyId: T.policyId,
  stripePriceId: T.stripePriceId,
  maxActivations: T.maxActivations,
  floatingUsers: T.floatingUsers,
  maxLicenseUsers: T.maxLicenseUsers,
  maxConsumptions: T.maxConsumptions,
  resetConsumption: "boolean",
  stripeInvoiceId: T.stripeInvoiceId,
} as const;

function patchRow(p: LicensePatch): Record<keyof typeof PATCH_TYPES, unknown> {
  const spec = p.respec?.spec ?? null;
  return {
    id: p.id,
    status: p.status,
    disabledReason: p.disabledReason,
    manuallyDisabled: p.manuallyDisabled,
    setExpiresAt: p.setExpiresAt,
    expiresAt: p.expiresAt,
    setGraceUntil: p.setGraceUntil,
    graceUntil: p.graceUntil,
    spec,
    licenseType: spec ? licenseTypeToDb(spec.licenseType) : null,
    productId: spec?.productId ?? null,
    policyId: spec?.policyId ?? null,
    stripePriceId: p.respec?.priceId ?? null,
    maxActivations: p.respec?.maxActivations ?? null,
    floatingUsers: p.respec?.floatingUsers ?? null,
    maxLicenseUsers: p.respec?.maxLicenseUsers ?? null,
    maxConsumptions: spec?.maxConsumptions ?? null,
    resetConsumption: p.resetConsumption,
    stripeInvoiceId: p.invoiceId,
  };
}

/** One UPDATE for every changed license, whatever the number: the patches travel as one recordset. */
export function licenseUpdates(accountId: string, patches: LicensePatch[]): Prisma.Sql {
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
    FROM ${recordset("u", PATCH_TYPES, patches.map(patchRow))}
    WHERE l.id = u.id AND l."accountId" = ${accountId}
    RETURNING l.id`;
}
