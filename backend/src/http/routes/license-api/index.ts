import { OpenAPIHono } from "@hono/zod-openapi";
import { PayloadTooLargeError } from "../../../errors";
import type { LicenseApiEnv } from "../../app-env";
import { bodyLimit } from "../../middleware/body-limit";
import { licenseRateLimit } from "../../middleware/license-rate-limit";
import { refuseUnstorableText } from "../../middleware/refuse-unstorable";
import { validationHook } from "../../validation-hook";
import { registerActivate } from "./activate";
import { registerCheckout } from "./checkout";
import { registerConsume } from "./consume";
import { registerDeactivate } from "./deactivate";
import { registerHeartbeat } from "./heartbeat";
import type { LicenseApi, LicenseApiRouteDeps } from "./license-api";
import { registerPublicKey } from "./public-key";
import { registerValidate } from "./validate";

/** `/v1/*`: what vendors' software calls from customers' machines, keyed by the license key (no API key). */
export function licenseApi(deps: LicenseApiRouteDeps): LicenseApi {
  const api = new OpenAPIHono<LicenseApiEnv>({ defaultHook: validationHook });
  api.use(
    "/v1/*",
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(`Request bodies are limited to ${deps.maxBodyBytes} bytes`);
      },
    }),
  );
  api.use("/v1/*", refuseUnstorableText());
  api.use("/v1/*", licenseRateLimit(deps.limits, deps.trustProxy));
  const routes = new OpenAPIHono<LicenseApiEnv>({ defaultHook: validationHook });
  for (const register of [registerActivate, registerValidate, registerDeactivate, registerHeartbeat, registerConsume, registerCheckout, registerPublicKey]) {
    register(routes, deps);
  }
  api.route("/v1", routes);
  return api;
}
