import type { RequestIdVariables } from "hono/request-id";
import type { DashboardIdentity } from "@tessera/shared";
import type { AuthenticatedKey } from "../api-keys/api-key-store";
import type { DashboardAccount } from "../dashboard/dashboard-account";
import type { Logger } from "../logger";

/** Per-request values every route can read with `c.get(...)`. */
export type AppEnv = {
  Variables: RequestIdVariables & { log: Logger };
};

/** Admin routes also know which API key called, and so which account every query is scoped to. */
export type AdminEnv = {
  Variables: AppEnv["Variables"] & { auth: AuthenticatedKey };
};

/** Dashboard routes know the Stripe App's signed identity and the account it speaks for (null: not connected). */
export type DashboardEnv = {
  Variables: AppEnv["Variables"] & { identity: DashboardIdentity; account: DashboardAccount | null };
};

/** License API routes say when a key matched no license, so the address's unknown-key allowance counts it. */
export type LicenseApiEnv = {
  Variables: AppEnv["Variables"] & { licenseNotFound?: boolean };
};
