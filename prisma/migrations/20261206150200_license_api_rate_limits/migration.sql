-- Counters of the License API rate limits, shared by every instance (rate-limiter-flexible table layout).
CREATE TABLE "LicenseApiRateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "LicenseApiRateLimit_pkey" PRIMARY KEY ("key")
);
