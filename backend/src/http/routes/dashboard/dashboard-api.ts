import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { ApiErrorBody, DashboardIdentity } from "@tessera/shared";
import type { Context } from "hono";
import type { CatalogCause } from "../../../catalog/catalog-write";
import type { DashboardAccount } from "../../../dashboard/dashboard-account";
import { ConflictError } from "../../../errors";
import type { IngestDeps } from "../../../ingest/run-event";
import type { Cause } from "../../../licensing/cause";
import type { OutboundSettings } from "../../../outbound/webhook-endpoints";
import type { DashboardEnv } from "../../app-env";

/** What dashboard routes need: the database, Stripe access (replays, the metadata check), where to connect. */
export type DashboardDeps = IngestDeps & {
  maxBodyBytes: number;
  appSecrets: string[];
  connectUrl: (requestUrl: string) => string;
  outbound: OutboundSettings;
};

export type DashboardApi = OpenAPIHono<DashboardEnv>;

/** Every dashboard route is called with the Stripe App's signature (security scheme `StripeAppSignature`). */
export const signed = { security: [{ StripeAppSignature: [] }] };

/** The signed identity every call carries beside its own fields (query for GET, body otherwise). */
export const identityFields = DashboardIdentity.shape;
export const IdentityOnly = z.strictObject(identityFields);

/** The request's fields without the identity, for services that take the route's own input. */
export function withoutIdentity<T extends Record<string, unknown>>(input: T): Omit<T, keyof typeof identityFields> {
  const { user_id: _user, account_id: _account, mode: _mode, ...rest } = input;
  return rest;
}

const ERRORS = {
  400: "The request is invalid; `details` names each problem",
  401: "No Stripe-Signature, or one that does not match user_id and account_id for the app's secret",
  404: "Not found in the account (ids of other accounts read the same)",
  409: "not_connected: the account never connected; account_disconnected: it can be read, not changed; or the action conflicts with the current state",
  503: "A dependency (Stripe, the database) is unavailable; retry later",
} as const;

export function errorResponses<S extends keyof typeof ERRORS>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((s) => [s, { description: ERRORS[s] as string, content: { "application/json": { schema: ApiErrorBody } } }])) as Record<
    S,
    { description: string; content: { "application/json": { schema: typeof ApiErrorBody } } }
  >;
}

/** The account the call is for; refuses when it never connected. */
export function connectedAccount(c: Context<DashboardEnv>): DashboardAccount {
  const account = c.get("account");
  if (!account) {
    throw new ConflictError("This Stripe account is not connected to Tessera: connect it from the app's settings first", undefined, "not_connected");
  }
  return account;
}

/** The account, for a change: a disconnected account keeps its data readable, not changeable. */
export function writableAccount(c: Context<DashboardEnv>): DashboardAccount {
  const account = connectedAccount(c);
  if (account.status === "DISCONNECTED") {
    throw new ConflictError("This account is disconnected from Tessera: its data can be read, not changed. Reconnect it from the app's settings.", undefined, "account_disconnected");
  }
  return account;
}

/** The Dashboard user who made a change, as recorded in license history and catalog changes. */
export const userCause = (c: Context<DashboardEnv>): Cause => ({ type: "DASHBOARD_USER", id: c.get("identity").user_id });
export const userCatalogCause = (c: Context<DashboardEnv>): CatalogCause => ({ type: "DASHBOARD_USER", id: c.get("identity").user_id });
