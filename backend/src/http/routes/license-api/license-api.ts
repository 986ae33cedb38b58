import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { SIGNATURE_HEADER, type LicenseAnswer } from "@tessera/shared";
import type { LicenseApiDeps } from "../../../license-api/license-api-deps";
import type { LicenseApiLimits } from "../../../license-api/rate-limits";
import { signBody, type SignedBody } from "../../../license-api/signed-answer";
import type { LicenseApiEnv } from "../../app-env";

export type LicenseApi = OpenAPIHono<LicenseApiEnv>;

export type LicenseApiRouteDeps = LicenseApiDeps & { maxBodyBytes: number; limits: LicenseApiLimits; trustProxy: boolean };

/** Decisions are answers, not errors: 200 with `valid` and `code`, the exact bytes that were signed. */
export function sendSigned(c: Context<LicenseApiEnv>, signed: SignedBody, answer: LicenseAnswer) {
  if (answer.code === "NOT_FOUND") c.set("licenseNotFound", true);
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
  if (signed.signature) headers[SIGNATURE_HEADER] = signed.signature;
  return c.body(signed.body, 200, headers);
}

/** An answer signed with its account's key and sent. */
export async function sendAnswer(c: Context<LicenseApiEnv>, deps: LicenseApiDeps, answer: LicenseAnswer) {
  return sendSigned(c, await signBody(deps.keys, answer.accountId, (keyId) => ({ ...answer, keyId })), answer);
}

export const callerOf = (c: Context<LicenseApiEnv>) => ({ requestId: c.get("requestId") });

export const signedNote =
  "The body is signed with the license's account key: header `Tessera-Signature: keyid=\"…\", algorithm=\"ed25519\", signature=\"<base64>\"` over the exact body bytes (verify with GET /v1/accounts/{id}/public-key). NOT_FOUND answers are not signed (no account).";
