import type { CauseType } from "../generated/prisma/enums";

/** Who or what made a change: written on every history line (a Stripe event id, a user id, an API key). */
export interface Cause {
  type: CauseType;
  id: string | null;
}
