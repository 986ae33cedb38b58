import { Badge, Box, Button, Divider, Inline } from "@stripe/ui-extension-sdk/ui";
import type { CreatedWebhookEndpoint, WebhookEndpoint } from "@tessera/shared";
import { useState } from "react";
import type { DashboardClient } from "../../api";
import { useAction } from "../../hooks/useAction";
import { useLoad } from "../../hooks/useLoad";
import { ActionError } from "../ActionError";
import { CopyButton } from "../CopyButton";
import { LoadError } from "../LoadError";
import { Loading } from "../Loading";
import { Notice } from "../Notice";
import { Deliveries } from "./Deliveries";
import { WebhookEndpointForm } from "./WebhookEndpointForm";

/** The vendor's own endpoints that Tessera signs and sends license events to. */
export function WebhooksTab({ client, readOnlyReason }: { client: DashboardClient; readOnlyReason: string | null }) {
  const { state, reload } = useLoad(() => client.webhookEndpoints(), [client]);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);
  const readOnly = readOnlyReason !== null;

  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <LoadError what="webhook endpoints" error={state.error} retry={reload} />;
  const endpoints = state.data.data;
  return (
    <Box css={{ stack: "y", gap: "large" }}>
      {created ? (
        <Notice title={`Signing secret of ${created.url}`} tone="caution" actions={<Button onPress={() => setCreated(null)}>Done, I stored it</Button>}>
          <Box>This is the only time Tessera shows it: store it now where your endpoint verifies Tessera's signatures.</Box>
          <Box css={{ stack: "x", gap: "small", alignY: "center" }}>
            <Inline css={{ fontFamily: "monospace" }}>{created.secret}</Inline>
            <CopyButton text={created.secret} label="Signing secret" />
          </Box>
        </Notice>
      ) : null}
      {adding ? (
        <WebhookEndpointForm
          client={client}
          cancel={() => setAdding(false)}
          created={(endpoint) => {
            setAdding(false);
            setCreated(endpoint);
            reload();
          }}
        />
      ) : (
        <Box css={{ stack: "x" }}>
          <Button disabled={readOnly} onPress={() => setAdding(true)}>
            Add endpoint
          </Button>
        </Box>
      )}
      {endpoints.length === 0 ? <Notice title="No endpoints">Add one to have Tessera tell your systems when licenses are created, renewed, disabled, enabled or refunded.</Notice> : null}
      {endpoints.map((endpoint) => (
        <EndpointBlock key={endpoint.id} client={client} endpoint={endpoint} readOnlyReason={readOnlyReason} changed={reload} />
      ))}
    </Box>
  );
}

function EndpointBlock({ client, endpoint, readOnlyReason, changed }: { client: DashboardClient; endpoint: WebhookEndpoint; readOnlyReason: string | null; changed: () => void }) {
  const [showDeliveries, setShowDeliveries] = useState(false);
  const toggle = useAction(async () => {
    await client.updateWebhookEndpoint(endpoint.id, { enabled: !endpoint.enabled });
    changed();
  });
  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <Box css={{ stack: "x", gap: "small", distribute: "space-between", alignY: "center" }}>
        <Inline css={{ fontWeight: "semibold" }}>{endpoint.url}</Inline>
        {endpoint.enabled ? <Badge type="positive">Enabled</Badge> : <Badge type="neutral">Disabled</Badge>}
      </Box>
      {endpoint.description ? <Inline>{endpoint.description}</Inline> : null}
      <Inline css={{ color: "secondary" }}>{endpoint.eventTypes.length === 0 ? "Every event type" : endpoint.eventTypes.join(", ")}</Inline>
      <Box css={{ stack: "x", gap: "small" }}>
        <Button size="small" disabled={readOnlyReason !== null} pending={toggle.pending} onPress={() => toggle.run()}>
          {endpoint.enabled ? "Disable" : "Enable"}
        </Button>
        <Button size="small" onPress={() => setShowDeliveries(!showDeliveries)}>
          {showDeliveries ? "Hide deliveries" : "Deliveries"}
        </Button>
      </Box>
      <ActionError error={toggle.error} />
      {showDeliveries ? <Deliveries client={client} endpointId={endpoint.id} readOnlyReason={readOnlyReason} /> : null}
      <Divider />
    </Box>
  );
}
