import { sqlOf, type Db } from "../db/client";
import { AuthenticationError, NotFoundError } from "../errors";
import { generateApiKey, parseApiKey, secretMatches } from "./api-key-token";

export interface AuthenticatedKey {
  apiKeyId: string;
  accountId: string;
  /** A disconnected account's keys still read (vendors export their data); writes are refused. */
  accountStatus: "CONNECTED" | "DISCONNECTED";
}

interface KeyRow {
  id: string;
  accountId: string;
  secretHash: string;
  prefix: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  accountStatus: "CONNECTED" | "DISCONNECTED";
}

// Recording every use would write a row per request; once a minute is enough to tell a key in use.
const LAST_USED_RESOLUTION_MS = 60_000;

export async function createApiKey(db: Db, accountId: string, name: string) {
  const key = generateApiKey();
  const row = await db.apiKey.create({ data: { accountId, name, prefix: key.prefix, secretHash: key.secretHash } });
  return { id: row.id, prefix: row.prefix, name: row.name, token: key.token };
}

export function listApiKeys(db: Db, accountId: string) {
  return db.apiKey.findMany({
    where: { accountId },
    orderBy: { createdAt: "asc" },
    select: { prefix: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Revoking twice is harmless; the first revocation's time is kept. */
export async function revokeApiKey(db: Db, prefix: string) {
  const key = await db.apiKey.findUnique({ where: { prefix }, select: { id: true, accountId: true, name: true, revokedAt: true } });
  if (!key) throw new NotFoundError(`No API key with prefix ${prefix}`);
  if (key.revokedAt) return { ...key, alreadyRevoked: true };
  const revoked = await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: { id: true, accountId: true, name: true, revokedAt: true } });
  return { ...revoked, alreadyRevoked: false };
}

/** The account an `Authorization: Bearer tsk_…` header speaks for; every failure is an AuthenticationError. */
export async function authenticateApiKey(db: Db, authorization: string | undefined): Promise<AuthenticatedKey> {
  if (!authorization) throw new AuthenticationError("Send an admin API key: Authorization: Bearer tsk_…");
  const [scheme, token, ...rest] = authorization.trim().split(/\s+/);
  const parsed = scheme?.toLowerCase() === "bearer" && token && rest.length === 0 ? parseApiKey(token) : null;
  if (!parsed) throw new AuthenticationError("The Authorization header must be Bearer tsk_<prefix>_<secret>");
  // One round trip on every admin request: the key with its account's status.
  const [key] = await sqlOf(db).$queryRaw<KeyRow[]>`
    SELECT k.id, k."accountId", k."secretHash", k.prefix, k."revokedAt", k."lastUsedAt", a.status::text AS "accountStatus"
    FROM "ApiKey" k JOIN "Account" a ON a.id = k."accountId" WHERE k.prefix = ${parsed.prefix}`;
  // An unknown prefix and a wrong secret read the same, so the answer does not confirm that a prefix exists.
  if (!key || !secretMatches(parsed.secret, key.secretHash)) throw new AuthenticationError("The API key is not valid");
  if (key.revokedAt) throw new AuthenticationError(`The API key ${key.prefix} was revoked`);
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return { apiKeyId: key.id, accountId: key.accountId, accountStatus: key.accountStatus };
}
