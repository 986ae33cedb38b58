/** Who or what made a change: written on every history line (a Stripe event id, a user id, an API key). */
export type CauseType = "STRIPE_EVENT" | "DASHBOARD_USER" | "ADMIN_API" | "LICENSE_API" | "SYSTEM";

export interface Cause {
  type: CauseType;
  id: string | null;
}
