import path from "node:path";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { closeDb, createDb, type Db } from "./client";
import { startEmbeddedDatabase } from "./embedded/start-embedded-database";

const MIGRATIONS_DIR = path.resolve(__dirname, "../../../prisma/migrations");

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
    const db = createDb({ connectionString: config.database.url });
    return { db, close: () => closeDb(db) };
  }
  const embedded = await startEmbeddedDatabase({
    dataDir: config.database.dataDir,
    migrationsDir: MIGRATIONS_DIR,
    logger,
  });
  const db = createDb({ host: embedded.host, port: embedded.port, user: embedded.user, database: embedded.database });
  return {
    db,
    close: async () => {
      await closeDb(db);
      await embedded.close();
    },
  };
}
