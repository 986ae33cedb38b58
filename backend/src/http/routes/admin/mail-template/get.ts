import { createRoute } from "@hono/zod-openapi";
import { MailTemplate } from "@tessera/shared";
import { getMailTemplate } from "../../../../mail/mail-template";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent } from "../common-schema";

export const getMailTemplateRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["License mail"],
  summary: "Get the license mail template",
  description: "With SMTP configured, new license keys are mailed to the customer with this template. 404: none, nothing is mailed.",
  responses: { 200: jsonContent(MailTemplate, "The template, and the placeholders it may name"), ...errorResponses(401, 404) },
});

export function registerGetMailTemplate(api: AdminApi, deps: AdminDeps) {
  api.openapi(getMailTemplateRoute, async (c) => c.json(await getMailTemplate(deps.db, c.get("auth").accountId), 200));
}
