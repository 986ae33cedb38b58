import { createRoute } from "@hono/zod-openapi";
import { LicensePage } from "@tessera/shared";
import { listLicenses } from "../../../../license-management/list-licenses";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent } from "../common-schema";
import { ADMIN_PAGE_SIZE_DEFAULT, AdminLicenseQuery } from "./schema";

export const listLicensesRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Licenses"],
  summary: "List and find licenses",
  description:
    "Every given filter must match. Without subscription, payment_intent, customer or key the account's licenses come newest first; " +
    `with one of them, in the order they were made (a purchase's units in order). ${ADMIN_PAGE_SIZE_DEFAULT} per page unless \`limit\` says otherwise; ` +
    "pass `nextCursor` back as `cursor` for the next page (null: the last page).",
  request: { query: AdminLicenseQuery },
  responses: { 200: jsonContent(LicensePage, "A page of licenses"), ...errorResponses(400, 401) },
});

export function registerListLicenses(api: AdminApi, deps: AdminDeps) {
  api.openapi(listLicensesRoute, async (c) => c.json(await listLicenses(deps.db, c.get("auth").accountId, c.req.valid("query")), 200));
}
