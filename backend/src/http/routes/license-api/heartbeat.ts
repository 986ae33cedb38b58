import { createRoute } from "@hono/zod-openapi";
import { MachineRequest } from "@tessera/shared";
import { heartbeat } from "../../../license-api/machines";
import { jsonBody } from "../admin/common-schema";
import { sendAnswer, signedNote, type LicenseApi, type LicenseApiRouteDeps } from "./license-api";
import { answerResponse, errorResponses } from "./schema";

export const heartbeatRoute = createRoute({
  method: "post",
  path: "/licenses/heartbeat",
  tags: ["License API"],
  security: [],
  summary: "Keep a floating lease",
  description: `Renews the machine's lease (floating licenses lapse without heartbeats; machine.leaseExpiresAt says when). A lapsed lease answers NOT_ACTIVATED: activate again. ${signedNote}`,
  request: { body: jsonBody(MachineRequest) },
  responses: { 200: answerResponse("VALID with the renewed lease, or why not"), ...errorResponses(400) },
});

export function registerHeartbeat(api: LicenseApi, deps: LicenseApiRouteDeps) {
  api.openapi(heartbeatRoute, async (c) => {
    const answer = await heartbeat(deps, c.req.valid("json"));
    return sendAnswer(c, deps, answer);
  });
}
