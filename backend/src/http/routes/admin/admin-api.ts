import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { CatalogCause } from "../../../catalog/catalog-write";
import type { Cause } from "../../../licensing/cause";
import type { IngestDeps } from "../../../ingest/run-event";
import type { OutboundSettings } from "../../../outbound/webhook-endpoints";
import type { AdminEnv } from "../../app-env";

/** What admin routes need: the database, Stripe access for replaying events, outbound endpoints' settings, and the largest body they take. */
export type AdminDeps = IngestDeps & { maxBodyBytes: number; outbound: OutboundSettings };

export type AdminApi = OpenAPIHono<AdminEnv>;

/** The calling API key, as the cause of a license change or a catalog change. */
export const licenseCause = (c: Context<AdminEnv>): Cause => ({ type: "ADMIN_API", id: c.get("auth").apiKeyId });
export const catalogCause = (c: Context<AdminEnv>): CatalogCause => ({ type: "ADMIN_API", id: c.get("auth").apiKeyId });
