import { useMemo } from "react";
import { createDashboardClient, type AppContext, type DashboardClient } from "../api";

/** One client per Dashboard user, account and mode: a view re-rendering keeps its client. */
export function useDashboardClient(context: AppContext): DashboardClient {
  const { userContext, environment } = context;
  return useMemo(
    () => createDashboardClient({ userContext, environment }),
    // The identity, not the context object's reference, decides
    [userContext.id, userContext.account.id, environment.mode],
  );
}
