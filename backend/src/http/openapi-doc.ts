import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env";

/**
 * The documented APIs mounted together, with `/openapi.json` describing every route of each (served
 * without authentication). Operations say which security scheme they need; the admin API key is the default.
 */
// `any` environment: each API brings its own variables (admin key, dashboard identity, license API).
export function documentedApis(apis: OpenAPIHono<any>[]): OpenAPIHono<AppEnv> {
  const root = new OpenAPIHono<AppEnv>();
  for (const api of apis) root.route("/", api);
  root.doc("/openapi.json", {
    openapi: "3.0.3",
    info: {
      title: "Tessera API",
      version: "1",
      description:
        "Admin API (/admin: the catalog, licenses, events and write-backs of the API key's account), the dashboard API (/dashboard: what the Stripe App calls, signed by Stripe), and the License API (/v1: what vendors' software calls with a license key; answers signed with the account's Ed25519 key).",
    },
    security: [{ AdminApiKey: [] }],
  });
  return root;
}
