import { createRoute } from "@hono/zod-openapi";
import { ValidateRequest } from "@tessera/shared";
import { validateLicense } from "../../../license-api/validate";
import { jsonBody } from "../admin/common-schema";
import { sendAnswer, signedNote, type LicenseApi, type LicenseApiRouteDeps } from "./license-api";
import { answerResponse, errorResponses } from "./schema";

export const validateRoute = createRoute({
  method: "post",
  path: "/licenses/validate",
  tags: ["License API"],
  security: [],
  summary: "Validate a license",
  description: `Whether the license is valid for this machine, features, version and user, with a code saying why not, and its entitlements. Writes nothing while answering. ${signedNote}`,
  request: { body: jsonBody(ValidateRequest) },
  responses: { 200: answerResponse("VALID, or why not"), ...errorResponses(400) },
});

export function registerValidate(api: LicenseApi, deps: LicenseApiRouteDeps) {
  api.openapi(validateRoute, async (c) => {
    const answer = await validateLicense(deps, c.req.valid("json"));
    return sendAnswer(c, deps, answer);
  });
}
