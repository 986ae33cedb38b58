import type { MiddlewareHandler } from "hono";
import { ValidationError } from "../../errors";
import { findUnstorableText } from "../../unstorable-text";

/**
 * Refuses requests whose query or JSON body holds text PostgreSQL cannot store (a NUL character, half a
 * surrogate pair), naming where, with the 400 every other invalid field gets: otherwise the statement that
 * stores it fails, and the client sees a 500 it can do nothing about. Path parameters are checked by their
 * schema (pathParam), which knows their names.
 */
export function refuseUnstorableText(): MiddlewareHandler {
  return async (c, next) => {
    const inQuery = findUnstorableText(c.req.queries(), "query");
    if (inQuery) throw new ValidationError(`Invalid request: ${inQuery.path} holds ${inQuery.problem}`, [{ path: inQuery.path, message: `holds ${inQuery.problem}` }]);
    if ((c.req.header("content-type") ?? "").includes("application/json")) {
      // The validator reads the body again from Hono's cache; malformed JSON is its to refuse. Anything else
      // (a body past the size limit) goes on to the middleware that answers it.
      const body: unknown = await c.req.json().catch((err: unknown) => {
        if (err instanceof SyntaxError) return undefined;
        throw err;
      });
      const inBody = findUnstorableText(body, "body");
      if (inBody) throw new ValidationError(`Invalid request: ${inBody.path} holds ${inBody.problem}`, [{ path: inBody.path, message: `holds ${inBody.problem}` }]);
    }
    await next();
  };
}
