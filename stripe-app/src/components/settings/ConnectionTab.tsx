import { Badge, Box, Button } from "@stripe/ui-extension-sdk/ui";
import type { ConnectionStatus } from "@tessera/shared";
import { formatDay } from "../../format";
import type { Loaded } from "../../hooks/useLoad";
import { ConnectButton, readOnlyReasonOf } from "../ConnectionGate";
import { LoadError } from "../LoadError";
import { Loading } from "../Loading";
import { Field, Section } from "../Section";

const BADGES = {
  CONNECTED: <Badge type="positive">Connected</Badge>,
  DISCONNECTED: <Badge type="warning">Disconnected</Badge>,
  NOT_CONNECTED: <Badge type="neutral">Not connected</Badge>,
} as const;

/** Whether Tessera holds this account, since when, and the way to connect or reconnect it. */
export function ConnectionTab({ connection, reload }: { connection: Loaded<ConnectionStatus>; reload: () => void }) {
  if (connection.status === "loading") return <Loading />;
  if (connection.status === "error") return <LoadError what="the connection to Tessera" error={connection.error} retry={reload} />;
  const status = connection.data;
  const account = status.account;
  return (
    <Section title="Connection">
      <Field label="Status">{BADGES[status.status]}</Field>
      {account ? (
        <>
          <Field label="Account">{account.displayName ?? account.stripeAccountId ?? account.id}</Field>
          <Field label="Mode">{account.livemode ? "Live" : "Test"}</Field>
          <Field label="Connected on">{formatDay(account.connectedAt)}</Field>
          {account.disconnectedAt ? <Field label="Disconnected on">{formatDay(account.disconnectedAt)}</Field> : null}
        </>
      ) : (
        <Box>Connect this Stripe account so Tessera turns its payments into licenses.</Box>
      )}
      {status.status === "DISCONNECTED" ? <Box>{readOnlyReasonOf(status)}</Box> : null}
      <Box css={{ stack: "x", gap: "small" }}>
        {status.status === "CONNECTED" ? null : <ConnectButton connection={status} />}
        <Button onPress={reload}>Check again</Button>
      </Box>
    </Section>
  );
}
