import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { DashboardAccounts } from "../../../dashboard/dashboard-account";
import { PayloadTooLargeError } from "../../../errors";
import type { StripeOAuth } from "../../../stripe/stripe-oauth";
import type { DashboardEnv } from "../../app-env";
import { bodyLimit } from "../../middleware/body-limit";
import { dashboardAuth } from "../../middleware/dashboard-auth";
import { refuseUnstorableText } from "../../middleware/refuse-unstorable";
import { validationHook } from "../../validation-hook";
import { registerBundles } from "./catalog/bundles";
import { registerGetCatalog } from "./catalog/get";
import { registerPolicies } from "./catalog/policies";
import { registerProducts } from "./catalog/products";
import { registerConnection } from "./connection";
import type { DashboardApi, DashboardDeps } from "./dashboard-api";
import { registerListEvents } from "./events/list";
import { registerReplayEvent } from "./events/replay";
import { registerChangeStatus } from "./licenses/change-status";
import { registerFreeMachine } from "./licenses/free-machine";
import { registerGetLicense } from "./licenses/get";
import { registerListLicenses } from "./licenses/list";
import { registerMetadataCheck } from "./metadata-check";
import { registerSummary } from "./summary";
import { registerCreateWebhookEndpoint } from "./webhook-endpoints/create";
import { registerListDeliveries } from "./webhook-endpoints/deliveries";
import { registerListWebhookEndpoints } from "./webhook-endpoints/list";
import { registerResendDelivery } from "./webhook-endpoints/resend";
import { registerUpdateWebhookEndpoint } from "./webhook-endpoints/update";

/**
 * `/dashboard/*`: what the Stripe App's views call. Views run in the Dashboard with a null origin, so
 * any origin may call (the signature, not the origin, is what is trusted) and preflights are answered
 * before the signature is asked for.
 */
export function dashboardApi(deps: DashboardDeps & { oauth: StripeOAuth | null; selfHostedLivemode: boolean | null }): DashboardApi {
  const api = new OpenAPIHono<DashboardEnv>({ defaultHook: validationHook });
  api.openAPIRegistry.registerComponent("securitySchemes", "StripeAppSignature", {
    type: "apiKey",
    in: "header",
    name: "Stripe-Signature",
    description:
      "From the view's fetchStripeSignature(), over {user_id, account_id}; send user_id, account_id and mode in the query string (GET) or the JSON body",
  });
  api.use("/dashboard/*", cors({ origin: "*", allowMethods: ["GET", "POST", "PATCH", "OPTIONS"], allowHeaders: ["Stripe-Signature", "Content-Type"], maxAge: 600 }));
  api.use(
    "/dashboard/*",
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(`Request bodies are limited to ${deps.maxBodyBytes} bytes`);
      },
    }),
  );
  api.use("/dashboard/*", refuseUnstorableText());
  api.use("/dashboard/*", dashboardAuth(deps.appSecrets, new DashboardAccounts(deps.db, deps.oauth, deps.selfHostedLivemode)));
  const routes = new OpenAPIHono<DashboardEnv>({ defaultHook: validationHook });
  for (const register of [
    registerConnection,
    registerSummary,
    registerListLicenses,
    registerGetLicense,
    registerChangeStatus,
    registerFreeMachine,
    registerListEvents,
    registerReplayEvent,
    registerGetCatalog,
    registerProducts,
    registerPolicies,
    registerBundles,
    registerMetadataCheck,
    registerListWebhookEndpoints,
    registerCreateWebhookEndpoint,
    registerUpdateWebhookEndpoint,
    registerListDeliveries,
    registerResendDelivery,
  ]) {
    register(routes, deps);
  }
  api.route("/dashboard", routes);
  return api;
}
