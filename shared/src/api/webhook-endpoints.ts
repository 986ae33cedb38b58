import { z } from "zod";
import { pageOf, Timestamp } from "./common";

/** What Tessera tells vendors' own endpoints about (Standard Webhooks, signed). */
export const OUTBOUND_EVENT_TYPES = ["license.created", "license.renewed", "license.disabled", "license.enabled", "license.refunded"] as const;
export type OutboundEventType = (typeof OUTBOUND_EVENT_TYPES)[number];

export const WebhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.enum(OUTBOUND_EVENT_TYPES)).meta({ description: "Empty: every type" }),
    enabled: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: "WebhookEndpoint" });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** Every outbound endpoint of the account, as the dashboard lists them. */
export const WebhookEndpointList = z.object({ data: z.array(WebhookEndpoint) }).meta({ id: "WebhookEndpointList" });
export type WebhookEndpointList = z.infer<typeof WebhookEndpointList>;

/** The endpoint as created: its signing secret (whsec_…) is shown this once. */
export const CreatedWebhookEndpoint = WebhookEndpoint.extend({ secret: z.string() }).meta({ id: "CreatedWebhookEndpoint" });
export type CreatedWebhookEndpoint = z.infer<typeof CreatedWebhookEndpoint>;

export const WebhookEndpointCreate = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).meta({ example: "https://example.com/tessera" }),
    description: z.string().max(500).optional(),
    eventTypes: z.array(z.enum(OUTBOUND_EVENT_TYPES)).optional(),
  })
  .meta({ id: "WebhookEndpointCreate" });
export type WebhookEndpointCreate = z.infer<typeof WebhookEndpointCreate>;

export const WebhookEndpointUpdate = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).optional(),
    description: z.string().max(500).nullable().optional(),
    eventTypes: z.array(z.enum(OUTBOUND_EVENT_TYPES)).optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: "WebhookEndpointUpdate" });
export type WebhookEndpointUpdate = z.infer<typeof WebhookEndpointUpdate>;

export const DELIVERY_STATUSES = ["PENDING", "DELIVERED", "FAILED"] as const;

/** One message to one endpoint: retried with backoff until delivered, or FAILED after the last attempt. */
export const WebhookDelivery = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    messageId: z.string().meta({ description: "webhook-id of the message; the same on every attempt", example: "msg_2b7…" }),
    eventType: z.enum(OUTBOUND_EVENT_TYPES),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.int(),
    lastStatusCode: z.int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "WebhookDelivery" });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const DeliveryPage = pageOf(WebhookDelivery).meta({ id: "WebhookDeliveryPage" });
export type DeliveryPage = z.infer<typeof DeliveryPage>;
