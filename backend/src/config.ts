import path from "node:path";
import { z } from "zod";
import { parseKey } from "./crypto/secret-box";

const stripeSecretKey = z
  .string()
  .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, "must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)");
const webhookSecret = z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, "must be a webhook signing secret (whsec_…)");

const encryptionKey = z
  .string()
  .refine((text) => parseKey(text) !== null, "must be 32 random bytes as 64 hex characters or base64 (openssl rand -base64 32)");

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().min(1).default("0.0.0.0"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" })
      .optional(),
    TESSERA_DATA_DIR: z.string().min(1).default(".tessera/data"),
    STRIPE_SECRET_KEY: stripeSecretKey.optional(),
    STRIPE_WEBHOOK_SECRET: webhookSecret.optional(),
    STRIPE_CONNECT_WEBHOOK_SECRET: webhookSecret.optional(),
    STRIPE_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    WEBHOOK_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
    API_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
    WRITEBACK_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
    PRICE_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
    GRACE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
    STRIPE_WRITE_RATE_LIVE: z.coerce.number().int().min(1).max(100).default(50),
    STRIPE_WRITE_RATE_TEST: z.coerce.number().int().min(1).max(10_000).default(10),
    DATABASE_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(4000),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    ENCRYPTION_KEY: encryptionKey.optional(),
    STRIPE_CLIENT_ID: z.string().regex(/^ca_[A-Za-z0-9]+$/, "must be the Stripe App's OAuth client id (ca_…)").optional(),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be the http(s) URL Tessera is reached at, e.g. https://licenses.example.com" }).optional(),
    STRIPE_OAUTH_AUTHORIZE_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .default("https://marketplace.stripe.com/oauth/v2/authorize"),
    STRIPE_APP_SECRET: z
      .string()
      .refine((text) => text.split(",").every((s) => /^absec_[A-Za-z0-9]+$/.test(s.trim())), "must be the Stripe App's signing secret (absec_…); while rolling it, old and new separated by a comma")
      .optional(),
    FLOATING_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400 * 30).default(900),
    VALIDATION_STAMP_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    LICENSE_RATE_PER_KEY: z.coerce.number().int().min(1).default(120),
    LICENSE_RATE_PER_ADDRESS: z.coerce.number().int().min(1).default(1200),
    LICENSE_UNKNOWN_KEYS_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
    TRUST_PROXY: z.enum(["true", "false"], { error: "must be true (behind a proxy that sets X-Forwarded-For) or false" }).default("false"),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465" })
      .optional(),
    MAIL_FROM: z.string().trim().min(3).max(300).optional(),
    MAIL_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
    WEBHOOK_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(100).default(1000),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(12),
    WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(["true", "false"], "must be true or false").default("false"),
    ENCRYPTION_KEYS_RETIRED: z
      .string()
      .refine((text) => text.split(",").every((k) => parseKey(k) !== null), "must be keys like ENCRYPTION_KEY's, separated by commas")
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_CLIENT_ID && !env.PUBLIC_URL) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is needed with STRIPE_CLIENT_ID: Stripe sends vendors back to PUBLIC_URL/connect/callback" });
    }
    if (env.STRIPE_CLIENT_ID && !env.STRIPE_SECRET_KEY) {
      ctx.addIssue({ code: "custom", path: ["STRIPE_SECRET_KEY"], message: "is needed with STRIPE_CLIENT_ID: the app's secret key exchanges the connect codes for tokens" });
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is needed with SMTP_URL: the sender of license mails, e.g. \"Example Licenses <licenses@example.com>\"" });
    }
    if (env.ENCRYPTION_KEYS_RETIRED && !env.ENCRYPTION_KEY) {
      ctx.addIssue({ code: "custom", path: ["ENCRYPTION_KEY"], message: "is needed when ENCRYPTION_KEYS_RETIRED is set: the new key seals, the retired ones only open" });
    }
    if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [env.STRIPE_SECRET_KEY ? "STRIPE_WEBHOOK_SECRET" : "STRIPE_SECRET_KEY"],
        message: "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET go together: set both to connect your own Stripe account, or neither",
      });
    }
  });

export type Env = z.infer<typeof schema>;

// However many attempts are configured, a vendor's endpoint is tried at least every six hours.
const OUTBOUND_MAX_DELAY_MS = 6 * 3_600_000;

export interface Config {
  port: number;
  host: string;
  logLevel: Env["LOG_LEVEL"];
  database: { kind: "postgresql"; url: string } | { kind: "embedded"; dataDir: string };
  /** The operator's own Stripe account, when STRIPE_SECRET_KEY is set. */
  selfHosted?: { secretKey: string; webhookSecret: string; livemode: boolean };
  /** Secrets of every webhook endpoint that may call us (own account, Connect). */
  webhookSecrets: string[];
  stripeApiUrl?: URL;
  webhookMaxBytes: number;
  /** The largest request body of the admin, dashboard and license APIs. */
  apiMaxBytes: number;
  /** How often pending license-key write-backs to Stripe are retried. */
  writebackIntervalMs: number;
  /** How long a price read from Stripe is reused (0: never). */
  priceCacheTtlMs: number;
  /** How often licenses whose unpaid grace ended are disabled. */
  graceSweepIntervalMs: number;
  /** Key write-backs per second per account, by mode (Stripe's own limits are 100/s live, 25/s test). */
  stripeWriteRate: { live: number; test: number };
  /** How long connecting to the database, and any one statement, may take. */
  databaseTimeoutMs: number;
  /** When set, /metrics wants it as a bearer token. */
  metricsToken?: string;
  /** Hosted OAuth connect (the Stripe App's install flow), when STRIPE_CLIENT_ID is set. */
  connect?: { clientId: string; publicUrl: URL; authorizeUrl: URL };
  /** Signing secrets of the Stripe App (its dashboard API calls); several while one is rolled. */
  appSecrets: string[];
  /** License API: how long a floating lease lasts without a heartbeat, and how often last-validated stamps are written. */
  licenseApi: { leaseMs: number; stampIntervalMs: number };
  /** The License API's rate limits (requests per minute) and where their counters live. */
  rateLimits: { store: "postgresql" | "redis" | "memory"; redisUrl?: string; perKey: number; perAddress: number; unknownKeysPerAddress: number };
  /** Whether X-Forwarded-For names the client (behind a proxy that sets it); otherwise the socket's address does. */
  trustProxy: boolean;
  /** License mail, when SMTP_URL is set: the server, the sender, and how often the queue is swept. */
  mail?: { smtpUrl: URL; from: string; intervalMs: number };
  /** Outbound webhooks to vendors' endpoints: how often due deliveries are sent, how long one may take, the retries. */
  outboundWebhooks: {
    intervalMs: number;
    timeoutMs: number;
    /** Endpoints on private or loopback addresses are refused unless this is set (tests, private networks). */
    allowPrivateUrls: boolean;
    schedule: { baseMs: number; maxDelayMs: number; maxAttempts: number };
  };
  /** Seals stored secrets (OAuth tokens, signing keys); unset on PostgreSQL, the features that need it refuse. */
  encryption?: { current: Buffer; retired: Buffer[] };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

// Variables whose values are secrets: a refusal names them but never prints what they hold.
const SECRET = /SECRET|_KEYS?(_|$)|TOKEN|PASSWORD/;

/** A value as an error message may show it: secrets not at all, a URL without its password. */
function shown(name: string, value: string): string {
  if (SECRET.test(name)) return `${name} (value not shown)`;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url?.password) {
    url.password = "***";
    return `${name}=${JSON.stringify(url.toString())}`;
  }
  return `${name}=${JSON.stringify(value)}`;
}

/** Reads the environment once at start; every bad or missing variable is reported together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings come from `FOO= cmd` or blank .env lines: treat them as unset, not as values.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = i.path.join(".") || "environment";
        const given = present[name];
        return given === undefined ? `${name}: ${i.message}` : `${shown(name, given)}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: "postgresql", url: e.DATABASE_URL }
      : { kind: "embedded", dataDir: path.resolve(e.TESSERA_DATA_DIR) },
    ...(e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
      ? {
          selfHosted: {
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET,
            livemode: e.STRIPE_SECRET_KEY.includes("_live_"),
          },
        }
      : {}),
    webhookSecrets: [e.STRIPE_WEBHOOK_SECRET, e.STRIPE_CONNECT_WEBHOOK_SECRET].filter((s): s is string => !!s),
    ...(e.STRIPE_API_URL ? { stripeApiUrl: new URL(e.STRIPE_API_URL) } : {}),
    webhookMaxBytes: e.WEBHOOK_MAX_BYTES,
    apiMaxBytes: e.API_MAX_BYTES,
    writebackIntervalMs: e.WRITEBACK_INTERVAL_MS,
    priceCacheTtlMs: e.PRICE_CACHE_TTL_MS,
    graceSweepIntervalMs: e.GRACE_SWEEP_INTERVAL_MS,
    stripeWriteRate: { live: e.STRIPE_WRITE_RATE_LIVE, test: e.STRIPE_WRITE_RATE_TEST },
    databaseTimeoutMs: e.DATABASE_TIMEOUT_MS,
    ...(e.METRICS_TOKEN ? { metricsToken: e.METRICS_TOKEN } : {}),
    ...(e.STRIPE_CLIENT_ID && e.PUBLIC_URL
      ? { connect: { clientId: e.STRIPE_CLIENT_ID, publicUrl: new URL(e.PUBLIC_URL), authorizeUrl: new URL(e.STRIPE_OAUTH_AUTHORIZE_URL) } }
      : {}),
    ...(e.SMTP_URL && e.MAIL_FROM ? { mail: { smtpUrl: new URL(e.SMTP_URL), from: e.MAIL_FROM, intervalMs: e.MAIL_INTERVAL_MS } } : {}),
    outboundWebhooks: {
      intervalMs: e.WEBHOOK_DELIVERY_INTERVAL_MS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      allowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS === "true",
      schedule: { baseMs: e.WEBHOOK_RETRY_BASE_MS, maxDelayMs: OUTBOUND_MAX_DELAY_MS, maxAttempts: e.WEBHOOK_MAX_ATTEMPTS },
    },
    appSecrets: e.STRIPE_APP_SECRET?.split(",").map((s) => s.trim()) ?? [],
    licenseApi: { leaseMs: e.FLOATING_LEASE_SECONDS * 1000, stampIntervalMs: e.VALIDATION_STAMP_INTERVAL_MS },
    rateLimits: {
      // The embedded database serves one process, so its counters can stay in that process.
      store: e.REDIS_URL ? "redis" : e.DATABASE_URL ? "postgresql" : "memory",
      ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
      perKey: e.LICENSE_RATE_PER_KEY,
      perAddress: e.LICENSE_RATE_PER_ADDRESS,
      unknownKeysPerAddress: e.LICENSE_UNKNOWN_KEYS_PER_ADDRESS,
    },
    trustProxy: e.TRUST_PROXY === "true",
    ...(e.ENCRYPTION_KEY
      ? {
          encryption: {
            current: parseKey(e.ENCRYPTION_KEY)!,
            retired: (e.ENCRYPTION_KEYS_RETIRED?.split(",") ?? []).map((k) => parseKey(k)!),
          },
        }
      : {}),
  };
}
