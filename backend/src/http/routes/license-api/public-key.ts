import { createRoute, z } from "@hono/zod-openapi";
import { PublicKeys } from "@tessera/shared";
import { NotFoundError } from "../../../errors";
import { pathParam, jsonContent } from "../admin/common-schema";
import type { LicenseApi, LicenseApiRouteDeps } from "./license-api";
import { errorResponses } from "./schema";

export const publicKeyRoute = createRoute({
  method: "get",
  path: "/accounts/{id}/public-key",
  tags: ["License API"],
  security: [],
  summary: "The keys that verify an account's signed answers",
  description: "The current Ed25519 key and rotated ones still within their overlap (`retiresAt`). Software pins the account id and may cache these keys.",
  request: { params: z.object({ id: pathParam("id", "0b5b2a9e-6f1e-4c1e-9a57-2f0c3f3f8c11") }) },
  responses: { 200: jsonContent(PublicKeys, "The keys"), 404: { description: "No such account, or answers are not signed on this server" }, ...errorResponses(400) },
});

export function registerPublicKey(api: LicenseApi, deps: LicenseApiRouteDeps) {
  api.openapi(publicKeyRoute, async (c) => {
    const { id } = c.req.valid("param");
    if (!deps.keys) throw new NotFoundError("Answers are not signed on this server (ENCRYPTION_KEY is not set)");
    const account = await deps.db.account.findUnique({ where: { id }, select: { id: true } });
    if (!account) throw new NotFoundError(`No account ${id}`);
    return c.json({ accountId: id, keys: await deps.keys.published(id) }, 200);
  });
}
