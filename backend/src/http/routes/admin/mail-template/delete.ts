import { createRoute } from "@hono/zod-openapi";
import { removeMailTemplate } from "../../../../mail/mail-template";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses } from "../common-schema";

export const deleteMailTemplateRoute = createRoute({
  method: "delete",
  path: "/",
  tags: ["License mail"],
  summary: "Delete the license mail template",
  description: "License keys are no longer mailed; mails queued and not yet sent are given up.",
  responses: { 204: { description: "Deleted" }, ...errorResponses(401, 404, 409) },
});

export function registerDeleteMailTemplate(api: AdminApi, deps: AdminDeps) {
  api.openapi(deleteMailTemplateRoute, async (c) => {
    await removeMailTemplate(deps.db, c.get("auth").accountId);
    return c.body(null, 204);
  });
}
