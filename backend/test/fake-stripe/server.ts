import { serve, type ServerType } from "@hono/node-server";
import { Hono, type MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AddressInfo } from "node:net";
import {
  accountInvalid,
  expiredApiKey,
  FakeStripeError,
  injectedFailure,
  invalidParam,
  invalidApiKey,
  missingApiKey,
  unrecognizedUrl,
} from "./errors";
import { parseForm, type FormObject } from "./form";
import { registerRoutes, type FakeEnv } from "./routes";
import { FakeStore } from "./store";

export interface LoggedRequest {
  method: string;
  path: string;
  stripeAccount: string | undefined;
  query: FormObject;
  body: FormObject;
  idempotencyKey: string | undefined;
  /** Filled in once the fake has answered. */
  status?: number;
}

export interface FailureMatch {
  method?: string;
  path?: string | RegExp;
}

export interface FakeStripeOptions {
  /** Keys the fake accepts; by default any `sk_test_` key. */
  apiKeys?: string[];
  store?: FakeStore;
}

export interface FakeStripe {
  url: string;
  port: number;
  store: FakeStore;
  requests: LoggedRequest[];
  /**
   * The next `count` requests (matching `match`, if given) answer `status` instead of being served.
   * The SDK retries 5xx and 409 by itself (maxNetworkRetries, 2 by default), and every attempt counts.
   */
  failNext(count: number, status?: number, match?: FailureMatch): void;
  /** Drops every failure still pending: the fake serves requests again. */
  clearFailures(): void;
  close(): Promise<void>;
}

interface PendingFailure {
  remaining: number;
  status: number;
  match: FailureMatch;
}

const matches = (failure: PendingFailure, method: string, path: string): boolean =>
  (failure.match.method === undefined || failure.match.method.toUpperCase() === method) &&
  (failure.match.path === undefined ||
    (typeof failure.match.path === "string" ? failure.match.path === path : failure.match.path.test(path)));

function bearerKey(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
}

function accepts(apiKeys: string[] | undefined, key: string): boolean {
  return apiKeys ? apiKeys.includes(key) : key.startsWith("sk_test_");
}

function createApp(store: FakeStore, requests: LoggedRequest[], failures: PendingFailure[], apiKeys?: string[]): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  let requestCount = 0;

  const logAndParse: MiddlewareHandler<FakeEnv> = async (c, next) => {
    const url = new URL(c.req.url);
    const query = parseForm(url.searchParams);
    const body = c.req.method === "GET" ? {} : parseForm(new URLSearchParams(await c.req.text()));
    const idempotencyKey = c.req.header("Idempotency-Key");
    const entry: LoggedRequest = {
      method: c.req.method,
      path: url.pathname,
      stripeAccount: c.req.header("Stripe-Account"),
      query,
      body,
      idempotencyKey,
    };
    requests.push(entry);
    requestCount += 1;
    const requestId = `req_fake${String(requestCount).padStart(6, "0")}`;
    c.set("requestId", requestId);
    c.set("idempotencyKey", idempotencyKey ?? null);
    c.set("params", { ...query, ...body });
    c.header("Request-Id", requestId);
    await next();
    entry.status = c.res.status;
  };

  const injectFailures: MiddlewareHandler<FakeEnv> = async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const failure = failures.find((f) => f.remaining > 0 && matches(f, c.req.method, path));
    if (failure) {
      failure.remaining -= 1;
      throw injectedFailure(failure.status);
    }
    await next();
  };

  const authenticate: MiddlewareHandler<FakeEnv> = async (c, next) => {
    const key = bearerKey(c.req.header("Authorization"));
    if (key === undefined) throw missingApiKey();
    // An OAuth access token reaches the account that granted it, and nothing else.
    const granted = store.oauth.reach(key);
    if (granted === "expired") throw expiredApiKey(key);
    if (granted) {
      const scope = store.scope(granted.accountId);
      if (!scope || scope.revoked) throw accountInvalid(key, granted.accountId);
      c.set("scope", scope);
      await next();
      return;
    }
    if (!accepts(apiKeys, key)) throw invalidApiKey(key);
    const stripeAccount = c.req.header("Stripe-Account");
    const scope = store.scope(stripeAccount);
    if (!scope || scope.revoked) throw accountInvalid(key, stripeAccount ?? "");
    c.set("scope", scope);
    await next();
  };

  app.use("*", logAndParse, injectFailures, authenticate);
  // Stripe's token endpoint answers OAuth's own error shape, not an API error.
  app.post("/oauth/token", (c) => {
    if (c.req.header("Stripe-Account")) throw invalidParam("Stripe-Account", "The token endpoint is called with the platform's key alone.");
    const { status, body } = store.oauth.token(c.var.params);
    return c.body(JSON.stringify(body), status as ContentfulStatusCode, { "Content-Type": "application/json" });
  });
  registerRoutes(app);
  app.notFound((c) => {
    throw unrecognizedUrl(c.req.method, new URL(c.req.url).pathname);
  });
  app.onError((err, c) => {
    if (!(err instanceof FakeStripeError)) throw err;
    return c.body(JSON.stringify({ error: err.body }), err.status as ContentfulStatusCode, { "Content-Type": "application/json" });
  });
  return app;
}

/** Starts the fake on 127.0.0.1 with an ephemeral port; point the SDK at it with `{ host, port, protocol: "http" }`. */
export async function startFakeStripe(opts: FakeStripeOptions = {}): Promise<FakeStripe> {
  const store = opts.store ?? new FakeStore();
  const requests: LoggedRequest[] = [];
  const failures: PendingFailure[] = [];
  const app = createApp(store, requests, failures, opts.apiKeys);

  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    requests,
    failNext(count, status = 500, match = {}) {
      failures.push({ remaining: count, status, match });
    },
    clearFailures() {
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // The SDK keeps connections alive; without this close() would wait for them to time out.
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
