import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { SecretBox, parseKey } from "./secret-box";

const KEY_FILE = "encryption.key";

/**
 * The box stored secrets are sealed with: ENCRYPTION_KEY when set. The embedded database keeps a key of
 * its own beside its data (made on first start, readable by this user only), so `pnpm start` works with
 * nothing configured; on PostgreSQL without a key the features that store secrets refuse, and say why.
 */
export function openSecretBox(config: Config, logger: Logger): SecretBox | null {
  if (config.encryption) return new SecretBox(config.encryption.current, config.encryption.retired);
  if (config.database.kind === "embedded") return new SecretBox(embeddedKey(config.database.dataDir));
  logger.warn("ENCRYPTION_KEY is not set: connecting Stripe accounts and signing license answers are off until it is");
  return null;
}

function embeddedKey(dataDir: string): Buffer {
  const file = path.join(dataDir, KEY_FILE);
  try {
    const key = parseKey(readFileSync(file, "utf8"));
    if (!key) throw new Error(`${file} does not hold a 32-byte key; restore it from a backup or set ENCRYPTION_KEY`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  // "wx": two processes starting at once must not each write a key and seal with different ones.
  try {
    writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return embeddedKey(dataDir);
    throw err;
  }
}
