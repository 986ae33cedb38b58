import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { SIGNATURE_HEADER } from "@tessera/shared";
import type { LicenseApiDeps } from "../../../license-api/license-api-deps";
import type { SignedBody } from "../../../license-api/signed-answer";
import type { AppEnv } from "../../app-env";

export type LicenseApi = OpenAPIHono<AppEnv>;

export type LicenseApiRouteDeps = LicenseApiDeps & { maxBodyBytes: number };

/** Decisions are answers, not errors: 200 with `valid` and `code`, the exact bytes that were signed. */
export function sendSigned(c: Context<AppEnv>, signed: SignedBody) {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
  if (signed.signature) headers[SIGNATURE_HEADER] = signed.signature;
  return c.body(signed.body, 200, headers);
}

export const callerOf = (c: Context<AppEnv>) => ({ requestId: c.get("requestId") });

export const signedNote =
  "The body is signed with the license's account key: header `Tessera-Signature: keyid=\"…\", algorithm=\"ed25519\", signature=\"<base64>\"` over the exact body bytes (verify with GET /v1/accounts/{id}/public-key). NOT_FOUND answers are not signed (no account).";
