import { createRoute } from "@hono/zod-openapi";
import { MailTemplate, MailTemplateInput } from "@tessera/shared";
import { putMailTemplate } from "../../../../mail/mail-template";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonBody, jsonContent } from "../common-schema";

export const putMailTemplateRoute = createRoute({
  method: "put",
  path: "/",
  tags: ["License mail"],
  summary: "Set the license mail template",
  description:
    "Subject and plain-text body with placeholders: {{license_key}}, {{product}}, {{expires_at}} (of each license: a body line naming one is " +
    "written once per license of the purchase), {{customer_name}}, {{customer_email}}, {{license_count}}. An unknown placeholder is refused (400, named). " +
    "Applies to licenses made from now on; one mail per purchase, to the customer's email.",
  request: { body: jsonBody(MailTemplateInput) },
  responses: { 200: jsonContent(MailTemplate, "The template as saved"), ...errorResponses(400, 401, 409) },
});

export function registerPutMailTemplate(api: AdminApi, deps: AdminDeps) {
  api.openapi(putMailTemplateRoute, async (c) => c.json(await putMailTemplate(deps.db, c.get("auth").accountId, c.req.valid("json")), 200));
}
