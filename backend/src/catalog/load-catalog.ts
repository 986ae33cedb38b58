import type { Tx } from "../db/client";
import type { LicenseTypeDb } from "../licensing/resolved-spec";
import type { CatalogPolicy, CatalogProduct, CatalogView } from "./catalog-view";

const productInclude = { policies: true } as const;

type ProductRow = Awaited<ReturnType<Tx["product"]["findMany"]>>[number] & {
  policies: Awaited<ReturnType<Tx["policy"]["findMany"]>>;
};

function toPolicy(p: ProductRow["policies"][number]): CatalogPolicy {
  return {
    id: p.id,
    code: p.code,
    isDefault: p.isDefault,
    licenseType: p.licenseType as LicenseTypeDb | null,
    validDuration: p.validDuration,
    maxActivations: p.maxActivations,
    floatingCloud: p.floatingCloud,
    enableMaintenance: p.enableMaintenance,
    maintenanceDuration: p.maintenanceDuration,
    maxLicenseUsers: p.maxLicenseUsers,
    isLicenseManager: p.isLicenseManager,
    assignCustomerAsUser: p.assignCustomerAsUser,
    unpaidActiveLicensePeriod: p.unpaidActiveLicensePeriod,
    addedDays: p.addedDays,
    maxConsumptions: p.maxConsumptions,
    features: p.features as string[],
    customFields: p.customFields as Record<string, string>,
  };
}

function toProduct(p: ProductRow): CatalogProduct {
  return {
    id: p.id,
    shortCode: p.shortCode,
    name: p.name,
    authorizationMethod: p.authorizationMethod,
    features: p.features as CatalogProduct["features"],
    customFields: p.customFields as CatalogProduct["customFields"],
    policies: p.policies.map(toPolicy),
  };
}

/** The products and bundles that the given short codes name, read in the caller's transaction. */
export async function loadCatalog(tx: Tx, accountId: string, codes: string[]): Promise<CatalogView> {
  const [products, bundles] = await Promise.all([
    tx.product.findMany({ where: { accountId, shortCode: { in: codes } }, include: productInclude }),
    tx.bundle.findMany({
      where: { accountId, code: { in: codes } },
      include: { members: { include: { product: { include: productInclude } } } },
    }),
  ]);
  const productMap = new Map(products.map((p) => [p.shortCode, toProduct(p)]));
  const bundleMap = new Map(
    bundles.map((b) => [
      b.code,
      {
        id: b.id,
        code: b.code,
        name: b.name,
        members: b.members.map((m) => toProduct(m.product)).sort((a, b) => a.shortCode.localeCompare(b.shortCode)),
      },
    ]),
  );
  return { product: (code) => productMap.get(code), bundle: (code) => bundleMap.get(code) };
}
