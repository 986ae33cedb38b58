import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit as streamingBodyLimit } from "hono/body-limit";

/**
 * Hono's bodyLimit without its first look at `body`: on Node that look turns every request into a web
 * Request with a web stream, and the route's `text()` then reads through it instead of straight from the
 * socket. A body that declares its length is judged by the header before it is read; only one without
 * (chunked) is counted as it streams in, by Hono's own middleware.
 */
export function bodyLimit(opts: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const streamed = streamingBodyLimit(opts);
  return async (c, next) => {
    const declared = c.req.header("content-length");
    if (declared === undefined || c.req.header("transfer-encoding") !== undefined) return streamed(c, next);
    if (Number(declared) > opts.maxSize) return opts.onError(c);
    await next();
  };
}
