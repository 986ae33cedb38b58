import { Redis } from "ioredis";
import { Pool } from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { poolOf, type Db } from "../db/client";
import { RateLimitedError } from "../errors";
import type { Logger } from "../logger";

// The License API's rate limits: per license key, per client address, and a stricter one for unknown keys
// from an address (someone guessing keys). Counters live where every instance sees them: PostgreSQL by
// default, Redis with REDIS_URL, memory on the embedded database (one process).

export interface RateLimitSettings {
  store: "postgresql" | "redis" | "memory";
  redisUrl?: string;
  /** Requests per minute. */
  perKey: number;
  perAddress: number;
  /** Unknown keys an address may try in 10 minutes before it is refused for 15. */
  unknownKeysPerAddress: number;
}

const TABLE = "LicenseApiRateLimit";

export class LicenseApiLimits {
  private readonly redis: Redis | null;
  private readonly pool: Pool | null;
  private readonly byKey: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;
  private readonly unknownKeys: RateLimiterAbstract;

  constructor(
    db: Db,
    settings: RateLimitSettings,
    private readonly logger: Logger,
  ) {
    this.redis = settings.store === "redis" ? new Redis(settings.redisUrl!, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
    // Counters on connections of their own that do not wait for the disk at commit: a crash may forget the
    // last few counts, which a rate limit can afford; two flushes per request it cannot.
    this.pool =
      settings.store === "postgresql" ? new Pool({ ...poolOf(db).pool.options, max: 4, options: "-c synchronous_commit=off" }) : null;
    this.pool?.on("error", () => undefined);
    this.pool?.on("connect", (client) => client.on("error", () => undefined));
    const make = (keyPrefix: string, points: number, duration: number, blockDuration = 0): RateLimiterAbstract => {
      const common = { keyPrefix, points, duration, blockDuration };
      if (this.redis) return new RateLimiterRedis({ ...common, storeClient: this.redis });
      if (this.pool) return new RateLimiterPostgres({ ...common, storeClient: this.pool!, storeType: "pool", tableName: TABLE, tableCreated: true });
      return new RateLimiterMemory(common);
    };
    this.byKey = make("lic_key", settings.perKey, 60);
    this.byAddress = make("lic_addr", settings.perAddress, 60);
    this.unknownKeys = make("lic_unknown", settings.unknownKeysPerAddress, 600, 900);
  }

  /**
   * Counts a request; refuses it (RateLimitedError, 429) past a limit or while the address is blocked for
   * guessing. The three counters are asked at once: one round trip's wait, not three.
   */
  async admit(address: string, key: string | null): Promise<void> {
    const [blocked, byAddress, byKey] = await Promise.all([
      this.unknownKeys.get(address),
      counted(this.byAddress, address),
      key ? counted(this.byKey, key) : null,
    ]);
    if (blocked && blocked.remainingPoints <= 0) throw refusal(blocked, "Too many unknown license keys from this address");
    if (byAddress) throw refusal(byAddress, "Too many requests from this address");
    if (byKey) throw refusal(byKey, "Too many requests for this license key");
  }

  /** An unknown key was asked for: counted against the address, and logged, so guessing shows. */
  async unknownKey(address: string, key: string): Promise<void> {
    try {
      await this.unknownKeys.consume(address);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      this.logger.warn({ address, keyPrefix: key.slice(0, 5) }, "unknown license keys from one address: refused for a while");
    }
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
    if (this.pool && !this.pool.ended) await this.pool.end();
  }
}

function refusal(res: RateLimiterRes, message: string): RateLimitedError {
  return new RateLimitedError(message, Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
}

/** Counts one request; the limiter's answer when it was one too many, else null. */
async function counted(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (res) {
    if (res instanceof RateLimiterRes) return res;
    throw res;
  }
}
