import { createRoute } from "@hono/zod-openapi";
import { Bundle, BundleCreate, BundleUpdate } from "@tessera/shared";
import { addBundle, changeBundle } from "../../../../catalog/catalog-edits";
import { jsonBody, jsonContent } from "../../admin/common-schema";
import { BundleParams } from "../../admin/bundles/schema";
import { errorResponses, identityFields, userCatalogCause, withoutIdentity, writableAccount, signed, type DashboardApi, type DashboardDeps } from "../dashboard-api";

export const createBundleRoute = createRoute({
  method: "post",
  path: "/bundles",
  tags: ["Dashboard"],
  ...signed,
  summary: "Create a bundle of products",
  request: { body: jsonBody(BundleCreate.extend(identityFields)) },
  responses: { 201: jsonContent(Bundle, "The new bundle"), ...errorResponses(400, 401, 409) },
});

export const updateBundleRoute = createRoute({
  method: "patch",
  path: "/bundles/{code}",
  tags: ["Dashboard"],
  ...signed,
  summary: "Change a bundle's name or members; licenses already sold keep their spec",
  request: { params: BundleParams, body: jsonBody(BundleUpdate.extend(identityFields)) },
  responses: { 200: jsonContent(Bundle, "The bundle after the change"), ...errorResponses(400, 401, 404, 409) },
});

export function registerBundles(api: DashboardApi, deps: DashboardDeps) {
  api.openapi(createBundleRoute, async (c) => c.json(await addBundle(deps.db, writableAccount(c).id, userCatalogCause(c), withoutIdentity(c.req.valid("json"))), 201));
  api.openapi(updateBundleRoute, async (c) =>
    c.json(await changeBundle(deps.db, writableAccount(c).id, userCatalogCause(c), c.req.valid("param").code, withoutIdentity(c.req.valid("json"))), 200),
  );
}
