import { createRoute } from "@hono/zod-openapi";
import { findLicenses, MAX_LICENSES } from "../../../../license-management/find-licenses";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, listOf } from "../common-schema";
import { LicenseQuery, licenseJson, LicenseSchema } from "./schema";

export const listLicensesRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Licenses"],
  summary: "Find licenses by key, customer, subscription or payment intent",
  description: `At least one filter; several filters must all match. At most ${MAX_LICENSES} licenses, oldest first.`,
  request: { query: LicenseQuery },
  responses: { 200: jsonContent(listOf(LicenseSchema), "Matching licenses"), ...errorResponses(400, 401) },
});

export function registerListLicenses(api: AdminApi, deps: AdminDeps) {
  api.openapi(listLicensesRoute, async (c) => {
    const q = c.req.valid("query");
    const licenses = await findLicenses(deps.db, c.get("auth").accountId, {
      key: q.key,
      customer: q.customer,
      subscription: q.subscription,
      paymentIntent: q.payment_intent,
    });
    return c.json({ data: licenses.map(licenseJson) }, 200);
  });
}
