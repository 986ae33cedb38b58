import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { Box, ContextView, Divider } from "@stripe/ui-extension-sdk/ui";
import type { WebhookEventSummary } from "@tessera/shared";
import type { DashboardClient } from "../api";
import { ConnectionGate, type Access } from "../components/ConnectionGate";
import { FailedEventRow } from "../components/FailedEventRow";
import { LoadError } from "../components/LoadError";
import { Loading } from "../components/Loading";
import { Notice } from "../components/Notice";
import { announceReplay } from "../components/replay";
import { Field, Section } from "../components/Section";
import { useDashboardClient } from "../hooks/useDashboardClient";
import { useLoad } from "../hooks/useLoad";

/** stripe.dashboard.drawer.default: the account's licenses at a glance, and the events that need the vendor. */
export default function DrawerDefaultView(context: ExtensionContextValue) {
  const client = useDashboardClient(context);
  const connection = useLoad(() => client.connection(), [client]);
  return (
    <ContextView title="Tessera" description="Licenses of this account">
      <ConnectionGate connection={connection.state} retry={connection.reload}>
        {(access) => <Summary client={client} access={access} />}
      </ConnectionGate>
    </ContextView>
  );
}

function Summary({ client, access }: { client: DashboardClient; access: Access }) {
  const { state, reload } = useLoad(() => client.summary(), [client]);
  const replay = async (event: WebhookEventSummary) => {
    await announceReplay(await client.replayEvent(event.id));
    reload();
  };
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <LoadError what="the summary" error={state.error} retry={reload} />;
  const { licenses, failedEvents } = state.data;
  return (
    <Box css={{ stack: "y", gap: "large" }}>
      <Section title="Licenses">
        <Field label="Active">{licenses.active}</Field>
        <Field label="Disabled">{licenses.disabled}</Field>
      </Section>
      {failedEvents.count === 0 ? (
        <Notice title="No failed events">
          <Box>Every Stripe event Tessera received was handled.</Box>
        </Notice>
      ) : (
        <Notice title={`${failedEvents.count} failed ${failedEvents.count === 1 ? "event needs" : "events need"} attention`} tone="critical">
          <Box>Fix what each names, then replay it. The app's settings list them all.</Box>
          {failedEvents.recent.map((event) => (
            <Box key={event.id} css={{ stack: "y" }}>
              <FailedEventRow event={event} replay={replay} readOnlyReason={access.readOnlyReason} />
              <Divider />
            </Box>
          ))}
        </Notice>
      )}
    </Box>
  );
}
