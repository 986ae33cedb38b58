import type { Db } from "../db/client";
import { NotFoundError, ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";

export interface LicenseFilters {
  key?: string | undefined;
  /** Stripe customer id (cus_…). */
  customer?: string | undefined;
  subscription?: string | undefined;
  paymentIntent?: string | undefined;
}

/** More than this and the caller should narrow the filter. */
export const MAX_LICENSES = 1000;

const licenseSummaryInclude = {
  product: { select: { shortCode: true } },
  policy: { select: { code: true } },
  bundle: { select: { code: true } },
  customer: { select: { stripeCustomerId: true, email: true } },
} satisfies Prisma.LicenseInclude;

const licenseDetailInclude = {
  ...licenseSummaryInclude,
  users: { orderBy: { createdAt: "asc" } },
  history: { orderBy: { createdAt: "asc" } },
  _count: { select: { activations: { where: { deactivatedAt: null } } } },
} satisfies Prisma.LicenseInclude;

export type LicenseSummaryRow = Prisma.LicenseGetPayload<{ include: typeof licenseSummaryInclude }>;
export type LicenseDetailRow = Prisma.LicenseGetPayload<{ include: typeof licenseDetailInclude }>;

/** Licenses of the account matching every given filter; at least one is required, never the whole account. */
export function findLicenses(db: Db, accountId: string, filters: LicenseFilters): Promise<LicenseSummaryRow[]> {
  const { key, customer, subscription, paymentIntent } = filters;
  if (!key && !customer && !subscription && !paymentIntent) {
    throw new ValidationError("Give at least one filter: key, customer, subscription or payment_intent", [
      { path: "query", message: "needs at least one of key, customer, subscription, payment_intent" },
    ]);
  }
  return db.license.findMany({
    where: {
      accountId,
      // Keys are shown grouped in capitals; people retype them in any case.
      ...(key ? { key: key.trim().toUpperCase() } : {}),
      ...(customer ? { customer: { stripeCustomerId: customer } } : {}),
      ...(subscription ? { stripeSubscriptionId: subscription } : {}),
      ...(paymentIntent ? { stripePaymentIntentId: paymentIntent } : {}),
    },
    include: licenseSummaryInclude,
    orderBy: [{ createdAt: "asc" }, { unitIndex: "asc" }, { bundleMemberCode: "asc" }],
    take: MAX_LICENSES,
  });
}

/** A license with its users and its whole history, oldest first. */
export async function getLicense(db: Pick<Db, "license">, accountId: string, id: string): Promise<LicenseDetailRow> {
  const license = await db.license.findFirst({ where: { id, accountId }, include: licenseDetailInclude });
  if (!license) throw new NotFoundError(`No license ${id}`);
  return license;
}
