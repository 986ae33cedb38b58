import { createRoute } from "@hono/zod-openapi";
import { CheckoutRequest, OfflineLicense } from "@tessera/shared";
import { checkoutOffline } from "../../../license-api/checkout";
import { jsonBody, jsonContent } from "../admin/common-schema";
import { sendSigned, signedNote, type LicenseApi, type LicenseApiRouteDeps } from "./license-api";
import { errorResponses } from "./schema";

export const checkoutRoute = createRoute({
  method: "post",
  path: "/licenses/checkout",
  tags: ["License API"],
  security: [],
  summary: "An offline license file for an activated machine",
  description: `For air-gapped installs: a signed file (armoured base64 JSON: the machine's validation answer and the file's expiry, with an Ed25519 signature) the software verifies with the account's public key, without calling Tessera. Default 30 days, never past the license's expiry; \`file\` is null when the machine is not VALID. ${signedNote}`,
  request: { body: jsonBody(CheckoutRequest) },
  responses: { 200: jsonContent(OfflineLicense, "The file, or why there is none"), ...errorResponses(400, 409) },
});

export function registerCheckout(api: LicenseApi, deps: LicenseApiRouteDeps) {
  api.openapi(checkoutRoute, async (c) => {
    const { signed, answer } = await checkoutOffline(deps, c.req.valid("json"));
    return sendSigned(c, signed, answer);
  });
}
