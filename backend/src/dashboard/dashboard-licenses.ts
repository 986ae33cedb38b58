import type { DashboardLicensePage, LicenseListQuery } from "@tessera/shared";
import type { Db } from "../db/client";
import { listLicenses } from "../license-management/list-licenses";
import { relatedEvents } from "./event-summaries";

/**
 * The licenses of a page in the Dashboard (a subscription, a payment, a customer) or of the account. An
 * object with none gets the events about it that explain why (a price without short_code, a failure).
 */
export async function dashboardLicenses(db: Db, accountId: string, query: LicenseListQuery): Promise<DashboardLicensePage> {
  const page = await listLicenses(db, accountId, query);
  const object = query.subscription ?? query.payment_intent ?? query.customer;
  const related = page.data.length === 0 && !query.cursor && object ? await relatedEvents(db, accountId, object) : { failed: [], ignored: [] };
  return { ...page, related };
}
