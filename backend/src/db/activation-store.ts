import type { Sql } from "./sql";

// The one module that writes Activation rows: the machines of a license. Callers hold the license's row
// lock (readLicenseByKey with lock, or lockLicense), which serialises every decision about its slots.

export interface MachineFacts {
  fingerprint: string;
  name: string | null;
  platform: string | null;
  metadata: Record<string, unknown>;
}

export interface ActivationRow {
  id: string;
  fingerprint: string;
  name: string | null;
  platform: string | null;
  leaseExpiresAt: Date | null;
}

/**
 * Takes a slot for the machine: a new row, or the machine's old row (deactivated, or its lease lapsed)
 * brought back, since a fingerprint has one row per license.
 */
export async function takeSlot(tx: Sql, accountId: string, licenseId: string, machine: MachineFacts, leaseExpiresAt: Date | null, now: Date): Promise<ActivationRow> {
  const rows = await tx.$queryRaw<ActivationRow[]>`
    INSERT INTO "Activation" (id, "accountId", "licenseId", fingerprint, name, platform, metadata, "createdAt", "lastSeenAt", "leaseExpiresAt")
    VALUES (gen_random_uuid()::text, ${accountId}, ${licenseId}, ${machine.fingerprint}, ${machine.name}, ${machine.platform},
            ${JSON.stringify(machine.metadata)}::jsonb, ${now}, ${now}, ${leaseExpiresAt})
    ON CONFLICT ("licenseId", fingerprint) DO UPDATE
      SET name = COALESCE(EXCLUDED.name, "Activation".name), platform = COALESCE(EXCLUDED.platform, "Activation".platform),
          metadata = EXCLUDED.metadata, "lastSeenAt" = EXCLUDED."lastSeenAt", "leaseExpiresAt" = EXCLUDED."leaseExpiresAt",
          "deactivatedAt" = NULL
    RETURNING id, fingerprint, name, platform, "leaseExpiresAt"`;
  return rows[0]!;
}

/** A machine that holds its slot is seen again: a floating lease runs from now. */
export async function renewSlot(tx: Sql, activationId: string, leaseExpiresAt: Date | null, now: Date): Promise<ActivationRow> {
  const rows = await tx.$queryRaw<ActivationRow[]>`
    UPDATE "Activation" SET "lastSeenAt" = ${now}, "leaseExpiresAt" = ${leaseExpiresAt}
    WHERE id = ${activationId}
    RETURNING id, fingerprint, name, platform, "leaseExpiresAt"`;
  return rows[0]!;
}

/** Frees a machine's slot; the row is kept (its history) and the fingerprint may activate again. */
export async function releaseSlot(tx: Sql, accountId: string, licenseId: string, activationId: string, now: Date): Promise<ActivationRow | null> {
  const rows = await tx.$queryRaw<ActivationRow[]>`
    UPDATE "Activation" SET "deactivatedAt" = ${now}
    WHERE id = ${activationId} AND "licenseId" = ${licenseId} AND "accountId" = ${accountId} AND "deactivatedAt" IS NULL
    RETURNING id, fingerprint, name, platform, "leaseExpiresAt"`;
  return rows[0] ?? null;
}
