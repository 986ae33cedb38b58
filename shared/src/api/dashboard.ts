import { z } from "zod";
import { pageOf, Timestamp } from "./common";
import { WebhookEventSummary } from "./events";
import { LicenseSummary } from "./licenses";

/*
 * The dashboard API: what the Stripe App's views call, under /dashboard on the backend.
 *
 * Every request is signed by the app: header `Stripe-Signature` from `fetchStripeSignature()`, and the
 * signed identity `user_id` (usr_…) and `account_id` (acct_…) plus the dashboard's `mode` (test | live):
 * in the query string of a GET, in the JSON body of a POST/PATCH/DELETE (next to the action's own fields).
 * The backend rebuilds `{"user_id":…,"account_id":…}` and checks the signature with the app's signing
 * secret: 401 otherwise. Ids of another account answer 404, exactly like unknown ones.
 *
 *   GET    /dashboard/connection                                  ConnectionStatus (200 even when not connected)
 *   GET    /dashboard/summary                                     DashboardSummary
 *   GET    /dashboard/licenses?subscription|payment_intent|customer|status|product|email|key_prefix|cursor|limit
 *                                                                 DashboardLicensePage
 *   GET    /dashboard/licenses/{id}                               LicenseDetail
 *   POST   /dashboard/licenses/{id}/disable     { reason? }       LicenseDetail
 *   POST   /dashboard/licenses/{id}/enable      { reason? }       LicenseDetail
 *   POST   /dashboard/licenses/{id}/activations/{activationId}/deactivate
 *                                                                 LicenseDetail (the machine is freed)
 *   GET    /dashboard/events?status=FAILED&cursor&limit           EventPage
 *   POST   /dashboard/events/{id}/replay                          ReplayResult
 *   GET    /dashboard/catalog                                     Catalog
 *   POST   /dashboard/products  ProductCreate;  PATCH /dashboard/products/{shortCode}  ProductUpdate
 *                                                                 ProductWithPolicies
 *   POST   /dashboard/products/{shortCode}/policies  PolicyCreate;  PATCH …/policies/{code}  PolicyUpdate
 *                                                                 Policy
 *   POST   /dashboard/bundles  BundleCreate;  PATCH /dashboard/bundles/{code}  BundleUpdate
 *                                                                 Bundle
 *   GET    /dashboard/metadata-check                              MetadataCheck
 *   GET    /dashboard/webhook-endpoints                           WebhookEndpointList { data: WebhookEndpoint[] }
 *   POST   /dashboard/webhook-endpoints  WebhookEndpointCreate    CreatedWebhookEndpoint
 *   PATCH  /dashboard/webhook-endpoints/{id}  WebhookEndpointUpdate  WebhookEndpoint
 *   GET    /dashboard/webhook-endpoints/{id}/deliveries?cursor    DeliveryPage
 *   POST   /dashboard/webhook-deliveries/{id}/resend              WebhookDelivery
 *
 * A disconnected account reads as before; its writes answer 409 (code `account_disconnected`). An account
 * never connected answers 409 (code `not_connected`) everywhere but /dashboard/connection.
 */

export const DASHBOARD_MODES = ["test", "live"] as const;

/** What the app signs (`user_id`, `account_id`) and the mode of the Dashboard it runs in. */
export const DashboardIdentity = z.object({
  user_id: z.string().min(1).meta({ example: "usr_1Q…" }),
  account_id: z.string().startsWith("acct_").meta({ example: "acct_1Q…" }),
  mode: z.enum(DASHBOARD_MODES),
});
export type DashboardIdentity = z.infer<typeof DashboardIdentity>;

export const CONNECTION_STATUSES = ["CONNECTED", "DISCONNECTED", "NOT_CONNECTED"] as const;

export const ConnectionStatus = z
  .object({
    status: z.enum(CONNECTION_STATUSES),
    account: z
      .object({
        id: z.string(),
        stripeAccountId: z.string().nullable(),
        livemode: z.boolean(),
        displayName: z.string().nullable(),
        connectedAt: Timestamp,
        disconnectedAt: Timestamp.nullable(),
      })
      .nullable(),
    /** The backend's hosted connect page: where Connect and Reconnect buttons go. */
    connectUrl: z.string(),
  })
  .meta({ id: "ConnectionStatus" });
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

/** Licenses of one object, and when there are none, the events about it that explain why. */
export const DashboardLicensePage = pageOf(LicenseSummary)
  .extend({
    related: z.object({
      failed: z.array(WebhookEventSummary).meta({ description: "Events about the object that failed (replayable once fixed)" }),
      ignored: z.array(WebhookEventSummary).meta({ description: "Events about the object that made no license, with the reason" }),
    }),
  })
  .meta({ id: "DashboardLicensePage" });
export type DashboardLicensePage = z.infer<typeof DashboardLicensePage>;

export const EventPage = pageOf(WebhookEventSummary).meta({ id: "WebhookEventPage" });
export type EventPage = z.infer<typeof EventPage>;

export const DashboardSummary = z
  .object({
    licenses: z.object({ active: z.int(), disabled: z.int() }),
    failedEvents: z.object({ count: z.int(), recent: z.array(WebhookEventSummary) }),
  })
  .meta({ id: "DashboardSummary" });
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const PRICE_CHECK_STATUSES = ["OK", "PROBLEMS", "IGNORED", "NOT_LICENSED"] as const;

/** One active price of the account as Tessera reads its metadata. */
export const PriceCheck = z
  .object({
    priceId: z.string(),
    nickname: z.string().nullable(),
    productId: z.string(),
    productName: z.string().nullable(),
    recurring: z.boolean(),
    status: z.enum(PRICE_CHECK_STATUSES).meta({
      description: "OK: makes licenses; PROBLEMS: fix the keys below; IGNORED: ignore_product; NOT_LICENSED: no Tessera key at all",
    }),
    shortCode: z.string().nullable(),
    problems: z.array(z.object({ key: z.string(), message: z.string() })).meta({ description: "Each names the metadata key to fix" }),
  })
  .meta({ id: "PriceCheck" });
export type PriceCheck = z.infer<typeof PriceCheck>;

export const MetadataCheck = z.object({ prices: z.array(PriceCheck), checkedAt: Timestamp }).meta({ id: "MetadataCheck" });
export type MetadataCheck = z.infer<typeof MetadataCheck>;
