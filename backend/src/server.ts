import { serve, type ServerType } from "@hono/node-server";
import { AccessTokens } from "./connect/access-tokens";
import { openSecretBox } from "./crypto/open-secret-box";
import { StripeOAuth } from "./stripe/stripe-oauth";
import { ensureSelfHostedAccount } from "./db/account-store";
import type { Config } from "./config";
import { poolOf, sqlOf, type Db } from "./db/client";
import { deliveryBacklog } from "./db/webhook-delivery-store";
import { writebackBacklog } from "./db/writeback-store";
import { Metrics } from "./observability/metrics";
import { TransactionBatcher } from "./db/transaction-batcher";
import { openDatabase } from "./db/open-database";
import { createApp } from "./http/app";
import type { Logger } from "./logger";
import { GraceSweeper } from "./jobs/grace-sweeper";
import { StripeAccess } from "./stripe/stripe-access";
import { RecordedEvents } from "./ingest/routing/recorded-events";
import { RoutedAccountCache } from "./ingest/routing/routed-account-cache";
import { WebhookDeliveryWorker } from "./jobs/webhook-delivery-worker";
import { WritebackWorker } from "./jobs/writeback-worker";
import { LicenseApiLimits } from "./license-api/rate-limits";
import { SigningKeys } from "./license-api/signing-keys";
import { ValidationStamps } from "./license-api/validation-stamps";
import { MailWorker } from "./jobs/mail-worker";
import { smtpSender } from "./mail/smtp-sender";

// Deliveries of one account that arrive while its transaction is in flight share the next one; accounts
// have lanes of their own, up to four transactions at once (the pool has ten connections).
const WEBHOOK_BATCHING = { maxBatch: 32, maxInFlight: 4 };
// Entries are checked by every transaction that uses them; the expiry only bounds how long a removed
// account's entry can linger.
const ACCOUNT_CACHE = { ttlMs: 60_000, maxEntries: 10_000 };
// Enough to answer a burst of redeliveries from memory; older ones find their inbox row.
const RECORDED_EVENTS = 100_000;

export interface RunningServer {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** Opens the database, prepares the operator's account and listens; `close()` undoes it all in reverse. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const database = await openDatabase(config, logger);
  try {
    if (config.selfHosted) await ensureSelfHostedAccount(database.db, config.selfHosted.livemode);
    const stripeAccess = new StripeAccess(config);
    const metrics = new Metrics({
      pool: poolOf(database.db).pool,
      writebackBacklog: () => writebackBacklog(sqlOf(database.db)),
      outboundBacklog: () => deliveryBacklog(sqlOf(database.db)),
    });
    const writebacks = new WritebackWorker(database.db, stripeAccess, logger, { ratePerSecond: config.stripeWriteRate }, (outcome) => {
      for (const [result, count] of Object.entries(outcome)) metrics.writebacks.inc({ result }, count);
    });
    const grace = new GraceSweeper(database.db, logger);
    const mail = config.mail
      ? new MailWorker(database.db, smtpSender(config.mail.smtpUrl, config.mail.from), logger, (outcome) => {
          for (const [result, count] of Object.entries(outcome)) metrics.mails.inc({ result }, count);
        })
      : null;
    const secretBox = openSecretBox(config, logger);
    // Without a key no endpoint can have been added, so there is nothing to send.
    const deliveries = secretBox
      ? new WebhookDeliveryWorker(database.db, secretBox, logger, config.outboundWebhooks, (result) => metrics.outboundAttempts.inc({ result }))
      : null;
    const oauth = stripeAccess.platform ? new StripeOAuth(stripeAccess.platform) : null;
    const tokens = new AccessTokens(database.db, secretBox, oauth);
    stripeAccess.useAccessTokens((accountId) => tokens.forAccount(accountId));
    const stamps = new ValidationStamps(database.db, logger);
    const limits = new LicenseApiLimits(database.db, config.rateLimits, logger);
    const batcher = new TransactionBatcher(poolOf(database.db), WEBHOOK_BATCHING);
    const app = createApp({
      db: database.db,
      logger,
      databaseKind: config.database.kind,
      stripeAccess,
      webhookSecrets: config.webhookSecrets,
      webhookMaxBytes: config.webhookMaxBytes,
      apiMaxBytes: config.apiMaxBytes,
      onWriteback: () => void writebacks.flush(),
      batcher,
      accounts: new RoutedAccountCache(ACCOUNT_CACHE),
      recorded: new RecordedEvents(RECORDED_EVENTS),
      metrics,
      secretBox,
      outbound: { box: secretBox, allowPrivateUrls: config.outboundWebhooks.allowPrivateUrls },
      ...(config.connect ? { ownApplicationId: config.connect.clientId } : {}),
      appSecrets: config.appSecrets,
      ...(config.connect ? { publicUrl: config.connect.publicUrl } : {}),
      ...(config.selfHosted ? { selfHostedLivemode: config.selfHosted.livemode } : {}),
      connect: { db: database.db, box: secretBox, oauth, connect: config.connect, tokens },
      ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
      licenseApi: {
        stamps,
        keys: secretBox ? new SigningKeys(database.db, secretBox) : null,
        leaseMs: config.licenseApi.leaseMs,
        now: () => new Date(),
        limits,
        trustProxy: config.trustProxy,
      },
    });
    const server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.once("error", reject);
    });
    writebacks.start(config.writebackIntervalMs);
    grace.start(config.graceSweepIntervalMs);
    stamps.start(config.licenseApi.stampIntervalMs);
    if (mail && config.mail) mail.start(config.mail.intervalMs);
    deliveries?.start(config.outboundWebhooks.intervalMs);
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    return {
      url: `http://${shownHost}:${port}`,
      db: database.db,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        grace.stop();
        await stamps.stop();
        await limits.close();
        await writebacks.stop();
        await mail?.stop();
        await deliveries?.stop();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
