import { createRoute, z } from "@hono/zod-openapi";
import { retryMailMessage } from "../../../../mail/mail-messages";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, pathParam } from "../common-schema";

const MailParams = z.object({ id: pathParam("id", "0b5b2a9e-6f1e-4c1e-9a57-2f0c3f3f8c11") });

export const retryMailMessageRoute = createRoute({
  method: "post",
  path: "/{id}/retry",
  tags: ["License mail"],
  summary: "Send a failed license mail again",
  description: "Once the cause is fixed (the address, the SMTP server, the template): the mail is due now, rendered with the template as it is then.",
  request: { params: MailParams },
  responses: { 204: { description: "It is due now" }, ...errorResponses(401, 404, 409) },
});

export function registerRetryMailMessage(api: AdminApi, deps: AdminDeps) {
  api.openapi(retryMailMessageRoute, async (c) => {
    await retryMailMessage(deps.db, c.get("auth").accountId, c.req.valid("param").id);
    return c.body(null, 204);
  });
}
