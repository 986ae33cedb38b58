import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../../app-env";
import { PayloadTooLargeError } from "../../../errors";
import { adminAuth } from "../../middleware/admin-auth";
import { bodyLimit } from "../../middleware/body-limit";
import { refuseUnstorableText } from "../../middleware/refuse-unstorable";
import type { AdminApi, AdminDeps } from "./admin-api";
import { bundlesApi } from "./bundles";
import { eventsApi } from "./events";
import { licenseUsersApi } from "./license-users";
import { licensesApi } from "./licenses";
import { mailMessagesApi } from "./mail-messages";
import { mailTemplateApi } from "./mail-template";
import { policiesApi } from "./policies";
import { productsApi } from "./products";
import { validationHook } from "../../validation-hook";
import { webhookDeliveriesApi } from "./webhook-deliveries";
import { webhookEndpointsApi } from "./webhook-endpoints";
import { writebacksApi } from "./writebacks";

/** Every `/admin/*` route behind the API key; security scheme `AdminApiKey` (openapi-doc.ts). */
export function adminApi(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  api.openAPIRegistry.registerComponent("securitySchemes", "AdminApiKey", {
    type: "http",
    scheme: "bearer",
    description: "An admin API key, tsk_<prefix>_<secret>, made with `pnpm tessera api-key create`",
  });
  api.use("/admin/*", adminAuth(deps.db));
  api.use(
    "/admin/*",
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(`Request bodies are limited to ${deps.maxBodyBytes} bytes`);
      },
    }),
  );
  api.use("/admin/*", refuseUnstorableText());
  api.route("/admin/products", productsApi(deps));
  api.route("/admin/products", policiesApi(deps));
  api.route("/admin/bundles", bundlesApi(deps));
  api.route("/admin/licenses", licensesApi(deps));
  api.route("/admin/licenses", licenseUsersApi(deps));
  api.route("/admin/events", eventsApi(deps));
  api.route("/admin/writebacks", writebacksApi(deps));
  api.route("/admin/mail-template", mailTemplateApi(deps));
  api.route("/admin/mail-messages", mailMessagesApi(deps));
  api.route("/admin/webhook-endpoints", webhookEndpointsApi(deps));
  api.route("/admin/webhook-deliveries", webhookDeliveriesApi(deps));
  return api;
}
