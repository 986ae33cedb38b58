import type { ConnectionStatus } from "@tessera/shared";
import type { DashboardAccount } from "./dashboard-account";

/** Where the app's Connect and Reconnect buttons lead: the backend's hosted connect page. */
export function connectionStatus(account: DashboardAccount | null, connectUrl: string): ConnectionStatus {
  if (!account) return { status: "NOT_CONNECTED", account: null, connectUrl };
  return {
    status: account.status,
    account: {
      id: account.id,
      stripeAccountId: account.stripeAccountId,
      livemode: account.livemode,
      displayName: account.displayName,
      connectedAt: account.connectedAt.toISOString(),
      disconnectedAt: account.disconnectedAt?.toISOString() ?? null,
    },
    connectUrl,
  };
}
