import type { Db } from "./client";

// The one module that writes WebhookEndpoint rows: the vendor's outbound endpoints.

export interface NewEndpoint {
  id: string;
  accountId: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  secretEnc: string;
}

export interface EndpointPatch {
  url?: string;
  description?: string | null;
  eventTypes?: string[];
  enabled?: boolean;
}

const PUBLIC = { id: true, url: true, description: true, eventTypes: true, enabled: true, createdAt: true } as const;

export type EndpointRow = { id: string; url: string; description: string | null; eventTypes: string[]; enabled: boolean; createdAt: Date };

/** The account's endpoints, oldest first. */
export function endpointsOf(db: Db, accountId: string): Promise<EndpointRow[]> {
  return db.webhookEndpoint.findMany({ where: { accountId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: PUBLIC });
}

export function endpointOf(db: Db, accountId: string, id: string): Promise<EndpointRow | null> {
  return db.webhookEndpoint.findFirst({ where: { id, accountId }, select: PUBLIC });
}

export function insertEndpoint(db: Db, endpoint: NewEndpoint): Promise<EndpointRow> {
  return db.webhookEndpoint.create({ data: endpoint, select: PUBLIC });
}

/** The endpoint after the patch, or null when the account has no such endpoint. */
export async function patchEndpoint(db: Db, accountId: string, id: string, patch: EndpointPatch): Promise<EndpointRow | null> {
  const { count } = await db.webhookEndpoint.updateMany({ where: { id, accountId }, data: patch });
  return count === 0 ? null : endpointOf(db, accountId, id);
}

/** Removes the endpoint and its deliveries; false when the account has no such endpoint. */
export async function deleteEndpoint(db: Db, accountId: string, id: string): Promise<boolean> {
  const { count } = await db.webhookEndpoint.deleteMany({ where: { id, accountId } });
  return count > 0;
}

/** Every endpoint's sealed secret, for `tessera secrets rotate`. */
export function endpointSecrets(db: Db) {
  return db.webhookEndpoint.findMany({ select: { id: true, secretEnc: true } });
}

export async function resealEndpointSecret(db: Db, id: string, secretEnc: string): Promise<void> {
  await db.webhookEndpoint.update({ where: { id }, data: { secretEnc } });
}
