import pino from "pino";
import { ensureSelfHostedAccount } from "../db/account-store";
import { loadConfig, type Config } from "../config";
import type { Db } from "../db/client";
import { DataDirLockedError } from "../db/embedded/data-dir-lock";
import { openDatabase } from "../db/open-database";
import { createLogger, type Logger } from "../logger";
import { CliError } from "./cli-error";

export interface CliContext {
  config: Config;
  db: Db;
  logger: Logger;
  /** A line of the command's result, on stdout. */
  out(line: string): void;
  /** A line about the result (hints, counts), on stderr, so stdout stays scriptable. */
  note(line: string): void;
}

/**
 * Opens the database the way the server does, runs the command and closes it again. The embedded database
 * belongs to one process at a time, so while the server runs the CLI must reach it through PostgreSQL.
 */
export async function withCli<T>(run: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Below warn, the embedded database's start-up lines would bury the command's output.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : "warn", pino.destination({ dest: 2, sync: true }));
  let database;
  try {
    database = await openDatabase(config, logger);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      throw new CliError(
        `The embedded database in ${err.dataDir} is in use by process ${err.owner} (a running Tessera server?): ` +
          `stop the server first, or set DATABASE_URL so the server and the CLI share one PostgreSQL`,
      );
    }
    throw err;
  }
  try {
    // As at a server start: with STRIPE_SECRET_KEY set, the operator's own account exists (self:test, self:live).
    if (config.selfHosted) await ensureSelfHostedAccount(database.db, config.selfHosted.livemode);
    return await run({
      config,
      db: database.db,
      logger,
      out: (line) => void process.stdout.write(`${line}\n`),
      note: (line) => void process.stderr.write(`${line}\n`),
    });
  } finally {
    await database.close();
  }
}
