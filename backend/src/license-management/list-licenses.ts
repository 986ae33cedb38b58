import type { LicenseListQuery, LicensePage } from "@tessera/shared";
import { sqlOf, type Db } from "../db/client";
import { selectLicensePage, type ListOrder, type PagePosition } from "../db/licenses/license-listing";
import { dateOf, decodeCursor, encodeCursor } from "../paging/cursor";
import { licenseSummaryOf } from "./license-dto";

function positionOf(parts: unknown[]): PagePosition | null {
  const [createdAt, unitIndex, bundleMemberCode, id] = parts;
  const at = dateOf(createdAt);
  if (!at || !Number.isInteger(unitIndex) || typeof bundleMemberCode !== "string" || typeof id !== "string") return null;
  return { createdAt: at, unitIndex: unitIndex as number, bundleMemberCode, id };
}

/**
 * Listings scoped to a purchase or a person (subscription, payment intent, customer, key) read in the
 * order the licenses were made, as they always have; browsing the account (no such filter) starts with
 * the newest. `order` overrides either.
 */
export function defaultOrder(query: Pick<LicenseListQuery, "subscription" | "payment_intent" | "customer" | "key">): ListOrder {
  return query.subscription || query.payment_intent || query.customer || query.key ? "asc" : "desc";
}

/** One page of the account's licenses matching every given filter. */
export async function listLicenses(db: Db, accountId: string, query: LicenseListQuery): Promise<LicensePage> {
  // Keys are shown grouped in capitals; people retype them in any case.
  const key = query.key?.trim().toUpperCase();
  const keyPrefix = query.key_prefix?.trim().toUpperCase();
  const { rows, more } = await selectLicensePage(
    sqlOf(db),
    accountId,
    {
      ...(key !== undefined ? { key } : {}),
      ...(keyPrefix ? { keyPrefix } : {}),
      ...(query.customer !== undefined ? { stripeCustomerId: query.customer } : {}),
      ...(query.email !== undefined ? { email: query.email.trim() } : {}),
      ...(query.subscription !== undefined ? { subscription: query.subscription } : {}),
      ...(query.payment_intent !== undefined ? { paymentIntent: query.payment_intent } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.product !== undefined ? { product: query.product } : {}),
    },
    { after: query.cursor ? decodeCursor(query.cursor, positionOf) : null, limit: query.limit, order: query.order ?? defaultOrder(query) },
  );
  const last = rows.at(-1);
  return { data: rows.map(licenseSummaryOf), nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.unitIndex, last.bundleMemberCode, last.id]) : null };
}
