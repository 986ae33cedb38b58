import { Redis } from "ioredis";
import { Pool } from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { poolOf, type Db } from "../db/client";
import { countRequests, type RateCounter } from "../db/rate-limit-store";
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
const PREFIX = { key: "lic_key", address: "lic_addr", unknown: "lic_unknown" } as const;
const WINDOW_SECONDS = 60;

/** For each limit, how long until the request would be admitted, or null when it is admitted now. */
interface Verdict {
  blocked: number | null;
  byAddress: number | null;
  byKey: number | null;
}

/** The library's per-key and per-address limiters: Redis and memory count requests with them. */
interface RequestLimiters {
  byKey: RateLimiterAbstract;
  byAddress: RateLimiterAbstract;
}

export class LicenseApiLimits {
  private readonly redis: Redis | null;
  private readonly pool: Pool | null;
  /** Null on PostgreSQL, which counts with one statement (countedInPostgres). */
  private readonly requestLimiters: RequestLimiters | null;
  private readonly unknownKeys: RateLimiterAbstract;

  constructor(
    db: Db,
    private readonly settings: RateLimitSettings,
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
    // On PostgreSQL this limiter also clears the table's expired rows, every counter's.
    this.unknownKeys = make(PREFIX.unknown, settings.unknownKeysPerAddress, 600, 900);
    this.requestLimiters = this.pool
      ? null
      : { byKey: make(PREFIX.key, settings.perKey, WINDOW_SECONDS), byAddress: make(PREFIX.address, settings.perAddress, WINDOW_SECONDS) };
  }

  /** Counts a request; refuses it (RateLimitedError, 429) past a limit or while the address is blocked for guessing. */
  async admit(address: string, key: string | null): Promise<void> {
    const verdict = this.pool
      ? await this.countedInPostgres(this.pool, address, key)
      : await this.countedByLimiters(this.requestLimiters!, address, key);
    if (verdict.blocked !== null) throw refusal(verdict.blocked, "Too many unknown license keys from this address");
    if (verdict.byAddress !== null) throw refusal(verdict.byAddress, "Too many requests from this address");
    if (verdict.byKey !== null) throw refusal(verdict.byKey, "Too many requests for this license key");
  }

  /** Redis or memory: the library's three calls at once, one round trip's wait. */
  private async countedByLimiters(limiters: RequestLimiters, address: string, key: string | null): Promise<Verdict> {
    const [blocked, byAddress, byKey] = await Promise.all([
      this.unknownKeys.get(address),
      counted(limiters.byAddress, address),
      key ? counted(limiters.byKey, key) : null,
    ]);
    return {
      blocked: blocked && blocked.remainingPoints <= 0 ? blocked.msBeforeNext : null,
      byAddress: byAddress?.msBeforeNext ?? null,
      byKey: byKey?.msBeforeNext ?? null,
    };
  }

  /** PostgreSQL: the same counters and rules in one statement (a third of the License API's statements otherwise). */
  private async countedInPostgres(pool: Pool, address: string, key: string | null): Promise<Verdict> {
    const now = Date.now();
    const names = { address: `${PREFIX.address}:${address}`, key: key === null ? null : `${PREFIX.key}:${key}`, unknown: `${PREFIX.unknown}:${address}` };
    const rows = await countRequests(pool, names.key ? [names.address, names.key] : [names.address], WINDOW_SECONDS * 1000, names.unknown, now);
    const wait = (row: RateCounter) => (row.expire === null ? -1 : Math.max(row.expire - now, 0));
    // The wait when the counter has reached `points`; as the library decides: a counted request is refused
    // once it is one past the limit, and an address is blocked once its unknown keys used up the limit.
    const reached = (name: string | null, points: number) => {
      const row = rows.find((r) => r.key === name);
      return row && row.points >= points ? wait(row) : null;
    };
    return {
      blocked: reached(names.unknown, this.settings.unknownKeysPerAddress),
      byAddress: reached(names.address, this.settings.perAddress + 1),
      byKey: reached(names.key, this.settings.perKey + 1),
    };
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

function refusal(msBeforeNext: number, message: string): RateLimitedError {
  return new RateLimitedError(message, Math.max(1, Math.ceil(msBeforeNext / 1000)));
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
