import { randomUUID } from "node:crypto";
import type {
  CreatedWebhookEndpoint,
  DeliveryPage,
  OutboundEventType,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointList,
  WebhookEndpointUpdate,
} from "@tessera/shared";
import type { SecretBox } from "../crypto/secret-box";
import { sqlOf, type Db } from "../db/client";
import { deliveriesOf, resendDeliveryNow, type DeliveryRow } from "../db/webhook-delivery-store";
import { deleteEndpoint, endpointOf, endpointsOf, insertEndpoint, patchEndpoint, type EndpointRow } from "../db/webhook-endpoint-store";
import { NotFoundError, UnavailableError, ValidationError } from "../errors";
import { dateOf, decodeCursor, encodeCursor } from "../paging/cursor";
import { newEndpointSecret, sealEndpointSecret } from "./endpoint-secret";
import { privateUrlReason } from "./url-guard";

// Vendors' outbound endpoints and their deliveries: what the admin API, the dashboard API and the CLI call.

export interface OutboundSettings {
  /** Seals the endpoints' signing secrets; null when ENCRYPTION_KEY is unset on PostgreSQL (endpoints cannot be added). */
  box: SecretBox | null;
  allowPrivateUrls: boolean;
}

const endpointDto = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: row.eventTypes as OutboundEventType[],
  enabled: row.enabled,
  createdAt: row.createdAt.toISOString(),
});

const deliveryDto = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpointId,
  messageId: row.messageId,
  eventType: row.eventType as OutboundEventType,
  status: row.status,
  attempts: row.attempts,
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

/** Refuses a URL on a private or loopback address (unless allowed), so Tessera is not a way into its own network. */
async function checkUrl(settings: OutboundSettings, url: string): Promise<void> {
  if (settings.allowPrivateUrls) return;
  const reason = await privateUrlReason(new URL(url));
  if (reason) {
    throw new ValidationError(`url: ${reason}; Tessera only sends webhooks to public addresses`, [{ path: "url", message: reason }]);
  }
}

const uniqueTypes = (types: readonly OutboundEventType[] | undefined) => [...new Set(types ?? [])];

export async function listWebhookEndpoints(db: Db, accountId: string): Promise<WebhookEndpointList> {
  return { data: (await endpointsOf(db, accountId)).map(endpointDto) };
}

/** A new endpoint, enabled; its signing secret is in the answer, and only there. */
export async function addWebhookEndpoint(db: Db, settings: OutboundSettings, accountId: string, input: WebhookEndpointCreate): Promise<CreatedWebhookEndpoint> {
  if (!settings.box) throw new UnavailableError("ENCRYPTION_KEY is not set, so an endpoint's signing secret cannot be stored: set it to add endpoints");
  await checkUrl(settings, input.url);
  const id = randomUUID();
  const secret = newEndpointSecret();
  const row = await insertEndpoint(db, {
    id,
    accountId,
    url: input.url,
    description: input.description ?? null,
    eventTypes: uniqueTypes(input.eventTypes),
    secretEnc: sealEndpointSecret(settings.box, id, secret),
  });
  return { ...endpointDto(row), secret };
}

export async function updateWebhookEndpoint(db: Db, settings: OutboundSettings, accountId: string, id: string, input: WebhookEndpointUpdate): Promise<WebhookEndpoint> {
  if (input.url !== undefined) await checkUrl(settings, input.url);
  const row = await patchEndpoint(db, accountId, id, {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.eventTypes !== undefined ? { eventTypes: uniqueTypes(input.eventTypes) } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  });
  if (!row) throw new NotFoundError(`No webhook endpoint ${id}`);
  return endpointDto(row);
}

/** Removes the endpoint with its deliveries (pending ones are not sent). */
export async function removeWebhookEndpoint(db: Db, accountId: string, id: string): Promise<void> {
  if (!(await deleteEndpoint(db, accountId, id))) throw new NotFoundError(`No webhook endpoint ${id}`);
}

function positionOf([createdAt, id]: unknown[]) {
  const at = dateOf(createdAt);
  return at && typeof id === "string" ? { createdAt: at, id } : null;
}

/** A page of the endpoint's deliveries, newest first. */
export async function deliveryPage(db: Db, accountId: string, endpointId: string, query: { cursor?: string | undefined; limit: number }): Promise<DeliveryPage> {
  if (!(await endpointOf(db, accountId, endpointId))) throw new NotFoundError(`No webhook endpoint ${endpointId}`);
  const after = query.cursor ? decodeCursor(query.cursor, positionOf) : null;
  const { rows, more } = await deliveriesOf(db, accountId, endpointId, after, query.limit);
  const last = rows.at(-1);
  return { data: rows.map(deliveryDto), nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

/** Sends a delivery again, with the same webhook-id, on the worker's next run. */
export async function resendDelivery(db: Db, accountId: string, id: string): Promise<WebhookDelivery> {
  const row = await resendDeliveryNow(sqlOf(db), accountId, id);
  if (!row) throw new NotFoundError(`No webhook delivery ${id}`);
  return deliveryDto(row);
}
