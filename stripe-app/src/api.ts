import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import {
  Bundle,
  type BundleCreate,
  type BundleUpdate,
  Catalog,
  ConnectionStatus,
  CreatedWebhookEndpoint,
  DashboardLicensePage,
  DashboardSummary,
  type DashboardIdentity,
  DeliveryPage,
  EventPage,
  LicenseDetail,
  type LicenseFilters,
  MetadataCheck,
  Policy,
  type PolicyCreate,
  type PolicyUpdate,
  ProductWithPolicies,
  type ProductCreate,
  type ProductUpdate,
  ReplayResult,
  WebhookDelivery,
  WebhookEndpoint,
  type WebhookEndpointCreate,
  WebhookEndpointList,
  type WebhookEndpointUpdate,
} from "@tessera/shared";
import { DashboardError, errorFromResponse } from "./api-error";
import { backendUrl } from "./backend-url";

/** What the app knows of where it runs: the Dashboard's user, account and mode, and the manifest's constants. */
export type AppContext = Pick<ExtensionContextValue, "userContext" | "environment">;

/** The licenses of one Stripe object; the first page without a cursor. */
export type LicenseQuery = Pick<LicenseFilters, "subscription" | "payment_intent" | "customer"> & { cursor?: string };

interface Parser<T> {
  parse(data: unknown): T;
}

type Query = Record<string, string | undefined>;

/** The signed identity of every call: user and account from the Dashboard, and its mode. */
export function identityOf(context: AppContext): DashboardIdentity {
  const userId = context.userContext.id;
  if (!userId) throw new DashboardError("unauthorized", "The Dashboard gave the app no user id to sign its calls with.");
  return { user_id: userId, account_id: context.userContext.account.id, mode: context.environment.mode };
}

/**
 * The Tessera backend's dashboard API, as in shared/src/api/dashboard.ts. Every call is signed: the
 * `Stripe-Signature` header from fetchStripeSignature() covers `{user_id, account_id}`, which GETs send in
 * the query string and writes in the JSON body beside their own fields. Answers are checked against the
 * shared schemas; refusals become DashboardErrors.
 */
export function createDashboardClient(context: AppContext) {
  async function call<T>(method: "GET" | "POST" | "PATCH", path: string, parser: Parser<T>, input: { query?: Query; body?: object } = {}): Promise<T> {
    const identity = identityOf(context);
    const url = new URL(backendUrl(context.environment) + path);
    const headers: Record<string, string> = { "Stripe-Signature": await fetchStripeSignature() };
    let body: string | undefined;
    if (method === "GET") {
      for (const [name, value] of Object.entries({ ...input.query, ...identity })) if (value !== undefined) url.searchParams.set(name, value);
    } else {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify({ ...input.body, ...identity });
    }

    let response: Response;
    try {
      response = await fetch(url.toString(), { method, headers, ...(body === undefined ? {} : { body }) });
    } catch (cause) {
      throw new DashboardError("network", cause instanceof Error ? cause.message : String(cause));
    }
    const payload = await readJson(response);
    if (!response.ok) throw errorFromResponse(response.status, payload);
    try {
      return parser.parse(payload);
    } catch {
      throw new DashboardError("unexpected_response", `The backend's answer to ${method} ${path} is not what this app version expects.`, {
        status: response.status,
      });
    }
  }

  const id = encodeURIComponent;

  return {
    connection: () => call("GET", "/dashboard/connection", ConnectionStatus),
    summary: () => call("GET", "/dashboard/summary", DashboardSummary),

    licenses: (query: LicenseQuery) => call("GET", "/dashboard/licenses", DashboardLicensePage, { query }),
    license: (licenseId: string) => call("GET", `/dashboard/licenses/${id(licenseId)}`, LicenseDetail),
    disableLicense: (licenseId: string, reason?: string) =>
      call("POST", `/dashboard/licenses/${id(licenseId)}/disable`, LicenseDetail, { body: reason ? { reason } : {} }),
    enableLicense: (licenseId: string, reason?: string) =>
      call("POST", `/dashboard/licenses/${id(licenseId)}/enable`, LicenseDetail, { body: reason ? { reason } : {} }),
    freeMachine: (licenseId: string, activationId: string) =>
      call("POST", `/dashboard/licenses/${id(licenseId)}/activations/${id(activationId)}/deactivate`, LicenseDetail),

    failedEvents: (cursor?: string) => call("GET", "/dashboard/events", EventPage, { query: { status: "FAILED", cursor } }),
    replayEvent: (eventId: string) => call("POST", `/dashboard/events/${id(eventId)}/replay`, ReplayResult),

    catalog: () => call("GET", "/dashboard/catalog", Catalog),
    createProduct: (input: ProductCreate) => call("POST", "/dashboard/products", ProductWithPolicies, { body: input }),
    updateProduct: (shortCode: string, input: ProductUpdate) =>
      call("PATCH", `/dashboard/products/${id(shortCode)}`, ProductWithPolicies, { body: input }),
    createPolicy: (shortCode: string, input: PolicyCreate) =>
      call("POST", `/dashboard/products/${id(shortCode)}/policies`, Policy, { body: input }),
    updatePolicy: (shortCode: string, code: string, input: PolicyUpdate) =>
      call("PATCH", `/dashboard/products/${id(shortCode)}/policies/${id(code)}`, Policy, { body: input }),
    createBundle: (input: BundleCreate) => call("POST", "/dashboard/bundles", Bundle, { body: input }),
    updateBundle: (code: string, input: BundleUpdate) => call("PATCH", `/dashboard/bundles/${id(code)}`, Bundle, { body: input }),

    metadataCheck: () => call("GET", "/dashboard/metadata-check", MetadataCheck),

    webhookEndpoints: () => call("GET", "/dashboard/webhook-endpoints", WebhookEndpointList),
    createWebhookEndpoint: (input: WebhookEndpointCreate) => call("POST", "/dashboard/webhook-endpoints", CreatedWebhookEndpoint, { body: input }),
    updateWebhookEndpoint: (endpointId: string, input: WebhookEndpointUpdate) =>
      call("PATCH", `/dashboard/webhook-endpoints/${id(endpointId)}`, WebhookEndpoint, { body: input }),
    deliveries: (endpointId: string, cursor?: string) =>
      call("GET", `/dashboard/webhook-endpoints/${id(endpointId)}/deliveries`, DeliveryPage, { query: { cursor } }),
    resendDelivery: (deliveryId: string) => call("POST", `/dashboard/webhook-deliveries/${id(deliveryId)}/resend`, WebhookDelivery),
  };
}

export type DashboardClient = ReturnType<typeof createDashboardClient>;

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
