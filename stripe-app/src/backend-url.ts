import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { DashboardError } from "./api-error";

/** The manifest constant naming the Tessera backend; each environment's manifest (stripe-app.<env>.json) sets its own. */
export const BACKEND_URL_CONSTANT = "BACKEND_URL";

/** The backend's base URL, without a trailing slash, from the manifest the app was started or uploaded with. */
export function backendUrl(environment: ExtensionContextValue["environment"]): string {
  const value = environment.constants?.[BACKEND_URL_CONSTANT];
  if (typeof value !== "string" || !/^https?:\/\/[^/]+/.test(value)) {
    throw new DashboardError(
      "misconfigured",
      `The app's manifest has no usable constants.${BACKEND_URL_CONSTANT} (an http(s) URL of the Tessera backend).`,
    );
  }
  return value.replace(/\/+$/, "");
}
