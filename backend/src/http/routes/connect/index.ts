import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { z } from "zod";
import { authorizeUrl, completeConnect, type ConnectDeps } from "../../../connect/connect-flow";
import { UnavailableError } from "../../../errors";
import type { AppEnv } from "../../app-env";
import { ConnectedPage, ConnectFailedPage, ConnectPage } from "./pages";

// Stripe adds its own parameters (e.g. scope); only these are read, and none may be absurdly long.
const param = z.string().max(2048).optional();
const CallbackQuery = z.object({ code: param, state: param, error: param, error_description: param });

/** `GET /connect`: the page with the Connect button; `GET /connect/callback`: where Stripe sends the vendor back. */
export function connectRoutes(deps: ConnectDeps) {
  const app = new Hono<AppEnv>();
  app.use("/connect", secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"] } }));
  app.use("/connect/*", secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"] } }));
  app.get("/connect", async (c) => {
    c.header("Cache-Control", "no-store");
    try {
      return c.html(ConnectPage({ authorizeUrl: await authorizeUrl(deps) }));
    } catch (err) {
      if (!(err instanceof UnavailableError)) throw err;
      return c.html(ConnectFailedPage({ message: err.message, canRetry: false }), 503);
    }
  });
  app.get("/connect/callback", async (c) => {
    c.header("Cache-Control", "no-store");
    const query = CallbackQuery.safeParse(c.req.query());
    if (!query.success) return c.html(ConnectFailedPage({ message: "The link back from Stripe is malformed. Start again from the Connect button.", canRetry: true }), 400);
    const outcome = await completeConnect(deps, query.data);
    if (outcome.ok) {
      c.get("log").info({ accountId: outcome.account.id, stripeAccountId: outcome.account.stripeAccountId, reconnected: outcome.reconnected }, "account connected");
      return c.html(ConnectedPage({ ...outcome.account, reconnected: outcome.reconnected }));
    }
    c.get("log").info({ failure: outcome.failure }, "connect refused");
    const status = outcome.failure === "not_configured" ? 503 : 400;
    return c.html(ConnectFailedPage({ message: outcome.message, canRetry: outcome.failure !== "not_configured" }), status);
  });
  return app;
}
