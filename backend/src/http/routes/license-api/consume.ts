import { createRoute } from "@hono/zod-openapi";
import { ConsumeRequest } from "@tessera/shared";
import { consume } from "../../../license-api/consume";
import { jsonBody } from "../admin/common-schema";
import { callerOf, sendAnswer, signedNote, type LicenseApi, type LicenseApiRouteDeps } from "./license-api";
import { answerResponse, errorResponses } from "./schema";

export const consumeRoute = createRoute({
  method: "post",
  path: "/licenses/consume",
  tags: ["License API"],
  security: [],
  summary: "Use units of a consumption license",
  description: `Counts \`amount\` units; refused with CONSUMPTION_EXCEEDED when they would pass the license's limit (nothing is counted). Counters reset at each paid billing period. ${signedNote}`,
  request: { body: jsonBody(ConsumeRequest) },
  responses: { 200: answerResponse("VALID with the new usage, or why not"), ...errorResponses(400) },
});

export function registerConsume(api: LicenseApi, deps: LicenseApiRouteDeps) {
  api.openapi(consumeRoute, async (c) => {
    const answer = await consume(deps, c.req.valid("json"), callerOf(c));
    return sendAnswer(c, deps, answer);
  });
}
