/**
 * The tenant every row belongs to: a vendor's Stripe account, one per mode (test and live are separate
 * accounts). Webhooks, the dashboard and the license API each act for exactly one.
 */
export interface Account {
  id: string;
  /** The operator's own account (STRIPE_SECRET_KEY, events without `account`), or one connected through OAuth. */
  kind: "SELF_HOSTED" | "CONNECTED";
  /** Always set for a connected account; for the operator's own account once Stripe has told us. */
  stripeAccountId: string | null;
  status: "CONNECTED" | "DISCONNECTED";
  /** Bumped by every catalog write, so instances can cache the catalog per version. */
  catalogVersion: number;
}
