import { Box, Button } from "@stripe/ui-extension-sdk/ui";
import type { ConnectionStatus } from "@tessera/shared";
import type { ReactNode } from "react";
import { formatDay } from "../format";
import type { Loaded } from "../hooks/useLoad";
import { LoadError } from "./LoadError";
import { Loading } from "./Loading";
import { Notice } from "./Notice";

/** What a view may do on this account: everything, or read only (with the reason to show on disabled writes). */
export interface Access {
  connection: ConnectionStatus;
  readOnlyReason: string | null;
}

export function readOnlyReasonOf(connection: ConnectionStatus): string | null {
  if (connection.status !== "DISCONNECTED") return null;
  const since = connection.account?.disconnectedAt;
  return `Tessera was disconnected from this account${since ? ` on ${formatDay(since)}` : ""}: licenses and settings are read-only until you reconnect.`;
}

export function ConnectButton({ connection }: { connection: ConnectionStatus }) {
  return (
    <Button type="primary" href={connection.connectUrl} target="_blank">
      {connection.status === "NOT_CONNECTED" ? "Connect Tessera" : "Reconnect Tessera"}
    </Button>
  );
}

/**
 * Shows what a view needs before its content: the connection loading or failing, a connect button when
 * the account never connected, and a read-only notice above the content when it disconnected.
 */
export function ConnectionGate({ connection, retry, children }: { connection: Loaded<ConnectionStatus>; retry: () => void; children: (access: Access) => ReactNode }) {
  if (connection.status === "loading") return <Loading />;
  if (connection.status === "error") return <LoadError what="the connection to Tessera" error={connection.error} retry={retry} />;
  const status = connection.data;
  if (status.status === "NOT_CONNECTED") {
    return (
      <Notice title="Tessera is not connected to this account" actions={<ConnectButton connection={status} />}>
        <Box>Connect your Stripe account so Tessera turns its payments into licenses and shows them here.</Box>
      </Notice>
    );
  }
  const readOnlyReason = readOnlyReasonOf(status);
  return (
    <Box css={{ stack: "y", gap: "medium" }}>
      {readOnlyReason ? (
        <Notice title="Disconnected: read-only" tone="caution" actions={<ConnectButton connection={status} />}>
          <Box>{readOnlyReason}</Box>
        </Notice>
      ) : null}
      {children({ connection: status, readOnlyReason })}
    </Box>
  );
}
