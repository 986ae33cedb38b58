import { createRoute } from "@hono/zod-openapi";
import { MailMessage, MailMessageQuery } from "@tessera/shared";
import { listMailMessages } from "../../../../mail/mail-messages";
import type { AdminApi, AdminDeps } from "../admin-api";
import { errorResponses, jsonContent, listOf } from "../common-schema";

export const listMailMessagesRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["License mail"],
  summary: "List license mails",
  description: "The account's license mails, newest first: pending ones with their next attempt, sent ones with their subject, failed ones with the reason.",
  request: { query: MailMessageQuery },
  responses: { 200: jsonContent(listOf(MailMessage), "Mails, newest first"), ...errorResponses(400, 401) },
});

export function registerListMailMessages(api: AdminApi, deps: AdminDeps) {
  api.openapi(listMailMessagesRoute, async (c) => {
    return c.json({ data: await listMailMessages(deps.db, c.get("auth").accountId, c.req.valid("query")) }, 200);
  });
}
