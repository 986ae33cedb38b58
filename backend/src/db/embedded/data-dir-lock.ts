import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

export const LOCK_FILE = "tessera.lock";

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Another live process holds the data folder: the caller can say what to do in its own terms. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: number,
    readonly lockPath: string,
  ) {
    super(
      `The data folder ${dataDir} is already used by process ${owner}; ` +
        `stop it or set TESSERA_DATA_DIR to another folder ` +
        `(if process ${owner} is not Tessera, delete ${lockPath})`,
    );
    this.name = "DataDirLockedError";
  }
}

// Lock files this process holds. A lock file naming our own pid that we do not hold is stale: it was
// left by an earlier process that got the same pid, which is the rule in containers (pid 1 on every
// restart), so "pid alive" alone would refuse every restart after a crash.
const held = new Set<string>();

/**
 * Takes `<dataDir>/tessera.lock` for this process. PGlite does not lock its folder, and a second
 * process writing the same folder silently lost rows, so a second start must be refused.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockPath = path.resolve(dataDir, LOCK_FILE);
  // Two attempts: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(lockPath)) {
      held.add(lockPath);
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          held.delete(lockPath);
          // Only our own file: if another process took it over meanwhile, it is theirs now.
          if (readOwner(lockPath) === process.pid) unlinkSync(lockPath);
        },
      };
    }
    const owner = readOwner(lockPath);
    if (owner !== undefined && isAlive(owner, lockPath)) {
      throw new DataDirLockedError(path.resolve(dataDir), owner, lockPath);
    }
    try {
      unlinkSync(lockPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  throw new Error(`Could not take the lock ${lockPath}: another process is taking it at the same time`);
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

// undefined when the file is gone or does not hold a pid (e.g. a crash between create and write):
// both mean nobody holds the lock.
function readOwner(lockPath: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number, lockPath: string): boolean {
  if (pid === process.pid) return held.has(lockPath);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
