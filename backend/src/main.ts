import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { startServer } from "./server";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  // A promise nobody awaits that fails must not end the server (every known one is handled where it
  // starts); it is logged loudly instead, so it gets found and fixed.
  process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled promise rejection"));
  const server = await startServer(config, logger);
  logger.info({ url: server.url, database: config.database.kind }, `Tessera listening on ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await server.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  process.stderr.write(`Tessera failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
