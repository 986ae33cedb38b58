import type { Db } from "./client";
import { sqlTransaction, type Sql, type SqlPool } from "./sql";

// The one module that writes SigningKey rows: the Ed25519 keys the License API signs answers with.

export interface SigningKeyRow {
  id: string;
  accountId: string;
  publicKey: string;
  privateKeyEnc: string;
  createdAt: Date;
  retiresAt: Date | null;
}

export type NewSigningKey = Pick<SigningKeyRow, "id" | "publicKey" | "privateKeyEnc">;

/** Keys that still verify at `now`, the current one (no retiresAt) first, then newest first. */
export function validSigningKeys(sql: Sql, accountId: string, now: Date): PromiseLike<SigningKeyRow[]> {
  return sql.$queryRaw<SigningKeyRow[]>`
    SELECT id, "accountId", "publicKey", "privateKeyEnc", "createdAt", "retiresAt" FROM "SigningKey"
    WHERE "accountId" = ${accountId} AND ("retiresAt" IS NULL OR "retiresAt" > ${now})
    ORDER BY ("retiresAt" IS NULL) DESC, "createdAt" DESC`;
}

// Key changes of one account take turns: two instances answering its first request make one key, not two.
const lockAccountKeys = (tx: Sql, accountId: string) => tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`signing-key:${accountId}`}, 0))`;

async function insertKey(tx: Sql, accountId: string, key: NewSigningKey): Promise<SigningKeyRow> {
  const rows = await tx.$queryRaw<SigningKeyRow[]>`
    INSERT INTO "SigningKey" (id, "accountId", "publicKey", "privateKeyEnc") VALUES (${key.id}, ${accountId}, ${key.publicKey}, ${key.privateKeyEnc})
    RETURNING id, "accountId", "publicKey", "privateKeyEnc", "createdAt", "retiresAt"`;
  return rows[0]!;
}

/** The account's current key, made with `make` when it has none yet. */
export function currentSigningKey(pool: SqlPool, accountId: string, make: () => NewSigningKey): Promise<SigningKeyRow> {
  return sqlTransaction(pool, async (tx) => {
    await lockAccountKeys(tx, accountId);
    const rows = await tx.$queryRaw<SigningKeyRow[]>`
      SELECT id, "accountId", "publicKey", "privateKeyEnc", "createdAt", "retiresAt" FROM "SigningKey"
      WHERE "accountId" = ${accountId} AND "retiresAt" IS NULL ORDER BY "createdAt" DESC LIMIT 1`;
    return rows[0] ?? insertKey(tx, accountId, make());
  });
}

/** A new current key; the previous current one keeps verifying until `retiresAt`. */
export function replaceSigningKey(pool: SqlPool, accountId: string, next: NewSigningKey, retiresAt: Date): Promise<SigningKeyRow> {
  return sqlTransaction(pool, async (tx) => {
    await lockAccountKeys(tx, accountId);
    await tx.$executeRaw`UPDATE "SigningKey" SET "retiresAt" = ${retiresAt} WHERE "accountId" = ${accountId} AND "retiresAt" IS NULL`;
    return insertKey(tx, accountId, next);
  });
}

/** Every stored key, for re-sealing after an ENCRYPTION_KEY rotation. */
export function allSigningKeys(db: Db): Promise<SigningKeyRow[]> {
  return db.signingKey.findMany({ orderBy: { createdAt: "asc" } });
}

export async function resealSigningKey(db: Db, id: string, privateKeyEnc: string): Promise<void> {
  await db.signingKey.update({ where: { id }, data: { privateKeyEnc } });
}

