import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { applyMigrations } from "./apply-migrations";
import { lockDataDir } from "./data-dir-lock";

export interface EmbeddedDatabase {
  /** The folder of the Unix socket: node-postgres connects to `<host>/.s.PGSQL.<port>`. */
  host: string;
  port: number;
  user: "postgres";
  database: "postgres";
  /** Migrations applied by this start (empty when the folder was up to date). */
  applied: string[];
  /** Stops the socket server, closes PGlite and releases the folder; calling it again is harmless. */
  close(): Promise<void>;
}

export interface StartEmbeddedDatabaseOptions {
  dataDir: string;
  migrationsDir: string;
  /** Socket connections served at once; keep it at least the pool size. Default 10. */
  maxConnections?: number;
  logger?: { info(obj: object, msg: string): void };
}

// The socket has no authentication, so it is a Unix socket in a folder only this OS user can enter (mkdtemp
// makes it 0700), never a TCP port anyone on the host could connect to. The folder is short-lived and
// short-named: socket paths are limited to about 100 characters.
const PORT = 5432;

/**
 * Opens PGlite (PostgreSQL in Wasm, in this process) on `dataDir`, applies the migrations and serves
 * it on a loopback port, so Prisma connects with the same `PrismaPg` adapter as on PostgreSQL.
 */
export async function startEmbeddedDatabase(options: StartEmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { migrationsDir, logger } = options;
  const dataDir = path.resolve(options.dataDir);
  const startedAt = performance.now();

  // PGlite fails when the folder's parent is missing.
  await mkdir(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let db: PGlite | undefined;
  let socketDir: string | undefined;
  try {
    const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
    logger?.info(
      { dataDir },
      fresh ? "Creating the embedded database (first start, takes about 10 s)" : "Opening the embedded database",
    );
    db = await PGlite.create({ dataDir });
    const { applied } = await applyMigrations(db, migrationsDir);

    socketDir = await mkdtemp(path.join(os.tmpdir(), "tessera-"));
    // The default of one connection breaks a connection pool (ECONNRESET, hangs). Connections still
    // share one PGlite backend: queries run one at a time and an open transaction blocks the others.
    const server = new PGLiteSocketServer({ db, path: path.join(socketDir, `.s.PGSQL.${PORT}`), maxConnections: options.maxConnections ?? 10 });
    await server.start();

    logger?.info({ dataDir, socketDir, applied, ms: Math.round(performance.now() - startedAt) }, "Embedded database ready");

    const opened = db;
    const socketFolder = socketDir;
    let closing: Promise<void> | undefined;
    return {
      host: socketFolder,
      port: PORT,
      user: "postgres",
      database: "postgres",
      applied,
      close() {
        closing ??= (async () => {
          try {
            await server.stop();
            await opened.close();
          } finally {
            lock.release();
            await rm(socketFolder, { recursive: true, force: true });
          }
        })();
        return closing;
      },
    };
  } catch (err) {
    try {
      await db?.close();
    } finally {
      lock.release();
      if (socketDir) await rm(socketDir, { recursive: true, force: true });
    }
    throw err;
  }
}
