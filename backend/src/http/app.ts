import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { ConnectDeps } from "../connect/connect-flow";
import type { SecretBox } from "../crypto/secret-box";
import type { Db } from "../db/client";
import type { LicenseApiDeps } from "../license-api/license-api-deps";
import type { LicenseApiLimits } from "../license-api/rate-limits";
import { MIGRATIONS_DIR } from "../db/open-database";
import type { TransactionBatcher } from "../db/transaction-batcher";
import type { Metrics } from "../observability/metrics";
import type { OutboundSettings } from "../outbound/webhook-endpoints";
import type { RecordedEvents } from "../ingest/routing/recorded-events";
import type { RoutedAccountCache } from "../ingest/routing/routed-account-cache";
import type { Logger } from "../logger";
import type { StripeAccess } from "../stripe/stripe-access";
import type { AppEnv } from "./app-env";
import { handleError } from "./error-handler";
import { requestLogger } from "./middleware/request-logger";
import { adminApi } from "./routes/admin";
import { connectRoutes } from "./routes/connect";
import { dashboardApi } from "./routes/dashboard";
import { documentedApis } from "./openapi-doc";
import { healthRoutes } from "./routes/health";
import { licenseApi } from "./routes/license-api";
import { metricsRoute } from "./routes/metrics";
import { stripeWebhookRoute } from "./routes/webhooks/stripe";

export interface AppDeps {
  db: Db;
  logger: Logger;
  databaseKind: "postgresql" | "embedded";
  stripeAccess: StripeAccess;
  webhookSecrets: string[];
  webhookMaxBytes: number;
  /** The largest request body the admin API (and the other APIs) take. */
  apiMaxBytes: number;
  onWriteback?: (accountId: string) => void;
  batcher?: TransactionBatcher;
  accounts?: RoutedAccountCache;
  recorded?: RecordedEvents;
  /** Served at /metrics when given. */
  metrics?: Metrics;
  metricsToken?: string;
  /** Seals stored secrets; null when ENCRYPTION_KEY is unset on PostgreSQL. */
  secretBox?: SecretBox | null;
  /** Outbound webhook endpoints: the box their secrets are sealed with, and whether private URLs are allowed. */
  outbound?: OutboundSettings;
  /** Tessera's own Stripe App id (ca_…), when hosted connect is set up. */
  ownApplicationId?: string;
  /** Signing secrets of the Stripe App, for the dashboard API (empty: it refuses every call, saying why). */
  appSecrets?: string[];
  /** Where the backend is reached from outside (PUBLIC_URL); the request's own URL otherwise. */
  publicUrl?: URL;
  /** The mode of the operator's own account, when there is one. */
  selfHostedLivemode?: boolean;
  /** The hosted OAuth connect flow (its pages answer 503 with what is missing when it is not set up). */
  connect?: ConnectDeps;
  /** The License API for vendors' software (/v1), when served. */
  licenseApi?: Omit<LicenseApiDeps, "db"> & { limits: LicenseApiLimits; trustProxy: boolean };
}

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(requestLogger(deps.logger));
  app.route("/", healthRoutes({ db: deps.db, databaseKind: deps.databaseKind, migrationsDir: MIGRATIONS_DIR }));
  if (deps.metrics) app.route("/", metricsRoute(deps.metrics, deps.metricsToken));
  app.route(
    "/",
    stripeWebhookRoute({
      db: deps.db,
      stripeAccess: deps.stripeAccess,
      webhookSecrets: deps.webhookSecrets,
      maxBytes: deps.webhookMaxBytes,
      ...(deps.onWriteback ? { onWriteback: deps.onWriteback } : {}),
      ...(deps.batcher ? { batcher: deps.batcher } : {}),
      ...(deps.accounts ? { accounts: deps.accounts } : {}),
      ...(deps.recorded ? { recorded: deps.recorded } : {}),
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
      ...(deps.ownApplicationId ? { ownApplicationId: deps.ownApplicationId } : {}),
    }),
  );
  if (deps.connect) app.route("/", connectRoutes(deps.connect));
  const ingest = { db: deps.db, stripeAccess: deps.stripeAccess, ...(deps.onWriteback ? { onWriteback: deps.onWriteback } : {}) };
  const outbound = deps.outbound ?? { box: deps.secretBox ?? null, allowPrivateUrls: false };
  app.route(
    "/",
    documentedApis([
      adminApi({ ...ingest, maxBodyBytes: deps.apiMaxBytes, outbound }),
      dashboardApi({
        ...ingest,
        maxBodyBytes: deps.apiMaxBytes,
        outbound,
        appSecrets: deps.appSecrets ?? [],
        connectUrl: (requestUrl) => new URL("/connect", deps.publicUrl ?? requestUrl).toString(),
        oauth: deps.connect?.oauth ?? null,
        selfHostedLivemode: deps.selfHostedLivemode ?? null,
      }),
      ...(deps.licenseApi ? [licenseApi({ ...deps.licenseApi, db: deps.db, maxBodyBytes: deps.apiMaxBytes })] : []),
    ]),
  );
  app.notFound((c) =>
    c.json({ error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` }, requestId: c.get("requestId") }, 404),
  );
  app.onError(handleError);
  return app;
}
