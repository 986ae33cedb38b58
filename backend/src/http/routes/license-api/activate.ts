import { createRoute } from "@hono/zod-openapi";
import { ActivateRequest } from "@tessera/shared";
import { activateMachine } from "../../../license-api/machines";
import { jsonBody } from "../admin/common-schema";
import { callerOf, sendAnswer, signedNote, type LicenseApi, type LicenseApiRouteDeps } from "./license-api";
import { answerResponse, errorResponses } from "./schema";

export const activateRoute = createRoute({
  method: "post",
  path: "/licenses/activate",
  tags: ["License API"],
  security: [],
  summary: "Activate a machine",
  description: `Takes a slot of the license for the fingerprint (a floating license: a lease that lapses without heartbeats). Activating the same fingerprint again takes no second slot. Disabled, refunded and expired licenses never activate, and a refused activation uses nothing. ${signedNote}`,
  request: { body: jsonBody(ActivateRequest) },
  responses: { 200: answerResponse("VALID with the machine, or why not"), ...errorResponses(400) },
});

export function registerActivate(api: LicenseApi, deps: LicenseApiRouteDeps) {
  api.openapi(activateRoute, async (c) => {
    const answer = await activateMachine(deps, c.req.valid("json"), callerOf(c));
    return sendAnswer(c, deps, answer);
  });
}
