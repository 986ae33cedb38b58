import { createRoute } from "@hono/zod-openapi";
import { MachineRequest } from "@tessera/shared";
import { deactivateMachine } from "../../../license-api/machines";
import { jsonBody } from "../admin/common-schema";
import { callerOf, sendAnswer, signedNote, type LicenseApi, type LicenseApiRouteDeps } from "./license-api";
import { answerResponse, errorResponses } from "./schema";

export const deactivateRoute = createRoute({
  method: "post",
  path: "/licenses/deactivate",
  tags: ["License API"],
  security: [],
  summary: "Deactivate a machine",
  description: `Frees the machine's slot (NOT_ACTIVATED when it holds none). ${signedNote}`,
  request: { body: jsonBody(MachineRequest) },
  responses: { 200: answerResponse("The license as it stands after"), ...errorResponses(400) },
});

export function registerDeactivate(api: LicenseApi, deps: LicenseApiRouteDeps) {
  api.openapi(deactivateRoute, async (c) => {
    const answer = await deactivateMachine(deps, c.req.valid("json"), callerOf(c));
    return sendAnswer(c, deps, answer);
  });
}
