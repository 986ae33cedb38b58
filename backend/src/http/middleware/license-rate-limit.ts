import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { LicenseApiLimits } from "../../license-api/rate-limits";
import type { LicenseApiEnv } from "../app-env";

/**
 * The client's address: the first X-Forwarded-For entry when a trusted proxy sets it (TRUST_PROXY),
 * else the socket's. Believing the header without a proxy would let anyone pick their own limit.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return getConnInfo(c).remote.address ?? "unknown";
}

// Validation only reads, so it runs while its request is being counted; an over-limit request's answer is
// then dropped for the 429. Everything else writes, and waits for the count first.
const READ_ONLY = new Set(["/v1/licenses/validate"]);

/**
 * Counts each License API request against its key and its address (429 with Retry-After past a limit); an
 * answer that found no license counts against the address's unknown-key allowance.
 */
export function licenseRateLimit(limits: LicenseApiLimits, trustProxy: boolean): MiddlewareHandler<LicenseApiEnv> {
  return async (c, next) => {
    const address = clientAddress(c, trustProxy);
    // The validator reads the body again from Hono's cache; a body that is not JSON is its to refuse.
    const body: unknown = c.req.method === "POST" ? await c.req.json().catch(() => null) : null;
    const key = body && typeof body === "object" && "key" in body && typeof body.key === "string" ? body.key.trim().toUpperCase() : null;
    const admitted = limits.admit(address, key);
    if (READ_ONLY.has(c.req.path)) {
      // Both settle before either's error is raised, so neither is left unobserved; the refusal wins.
      const [admission, handled] = await Promise.allSettled([admitted, next()]);
      if (admission.status === "rejected") throw admission.reason;
      if (handled.status === "rejected") throw handled.reason;
    } else {
      await admitted;
      await next();
    }
    if (key && c.get("licenseNotFound")) await limits.unknownKey(address, key);
  };
}
