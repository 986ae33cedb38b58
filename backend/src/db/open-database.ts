import path from "node:path";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { closeDb, createDb, sqlOf, type Db } from "./client";
import { pendingMigrations } from "./pending-migrations";
import { startEmbeddedDatabase } from "./embedded/start-embedded-database";

/** The migrations this code expects, applied at start (embedded) or checked (PostgreSQL). */
export const MIGRATIONS_DIR = path.resolve(__dirname, "../../../prisma/migrations");

export interface OpenDatabase {
  db: Db;
  close(): Promise<void>;
}

/**
 * The database the configuration names: PostgreSQL at DATABASE_URL, or else the embedded one in
 * TESSERA_DATA_DIR, started in this process (the server and the CLI both open it this way).
 */
export async function openDatabase(config: Config, logger: Logger): Promise<OpenDatabase> {
  if (config.database.kind === "postgresql") {
    // PostgreSQL ends a statement that outlives the timeout too, so its locks do not outlive the request.
    const db = createDb(
      { connectionString: config.database.url, statement_timeout: config.databaseTimeoutMs, idle_in_transaction_session_timeout: 60_000 },
      { timeoutMs: config.databaseTimeoutMs },
    );
    const pending = await pendingMigrations(sqlOf(db), MIGRATIONS_DIR).catch(async (err) => {
      await closeDb(db);
      throw err;
    });
    if (pending.length > 0) {
      await closeDb(db);
      throw new Error(`The database lacks migrations ${pending.join(", ")}: run \`pnpm migrate\` (prisma migrate deploy) with this DATABASE_URL first`);
    }
    return { db, close: () => closeDb(db) };
  }
  const embedded = await startEmbeddedDatabase({
    dataDir: config.database.dataDir,
    migrationsDir: MIGRATIONS_DIR,
    logger,
  });
  // One connection: PGlite serves every connection from one session, and its socket server interleaves the
  // extended-protocol messages of connections that run at once, mixing up their statements. One connection
  // queues them in the pool instead.
  const db = createDb(
    { host: embedded.host, port: embedded.port, user: embedded.user, database: embedded.database, max: 1 },
    { namedStatements: false, timeoutMs: config.databaseTimeoutMs },
  );
  return {
    db,
    close: async () => {
      await closeDb(db);
      await embedded.close();
    },
  };
}
