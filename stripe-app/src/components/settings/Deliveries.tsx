import { Badge, Box, Button, Divider, Inline } from "@stripe/ui-extension-sdk/ui";
import type { DeliveryPage, WebhookDelivery } from "@tessera/shared";
import { useCallback } from "react";
import type { DashboardClient } from "../../api";
import { formatMoment } from "../../format";
import { useAction } from "../../hooks/useAction";
import { usePages } from "../../hooks/usePages";
import { ActionError } from "../ActionError";
import { LoadError } from "../LoadError";
import { Loading } from "../Loading";
import { LoadMore } from "../LoadMore";
import { Nothing } from "../Section";

const BADGES = {
  PENDING: <Badge type="info">Pending</Badge>,
  DELIVERED: <Badge type="positive">Delivered</Badge>,
  FAILED: <Badge type="negative">Failed</Badge>,
} as const;

/** What Tessera sent to one endpoint, newest first; any message can be sent again. */
export function Deliveries({ client, endpointId, readOnlyReason }: { client: DashboardClient; endpointId: string; readOnlyReason: string | null }) {
  const loadPage = useCallback((cursor?: string) => client.deliveries(endpointId, cursor), [client, endpointId]);
  const pages = usePages<WebhookDelivery, DeliveryPage>(loadPage, [loadPage]);
  if (pages.state.status === "loading") return <Loading />;
  if (pages.state.status === "error") return <LoadError what="deliveries" error={pages.state.error} retry={pages.reload} />;
  const { items, nextCursor } = pages.state.data;
  return (
    <Box css={{ stack: "y", gap: "small" }}>
      {items.length === 0 ? <Nothing>Nothing sent to this endpoint yet</Nothing> : null}
      {items.map((delivery) => (
        <DeliveryRow key={delivery.id} delivery={delivery} readOnlyReason={readOnlyReason} resend={async () => pages.replace(await client.resendDelivery(delivery.id))} />
      ))}
      <LoadMore nextCursor={nextCursor} loadMore={pages.loadMore} more={pages.more} label="Load more deliveries" />
    </Box>
  );
}

function DeliveryRow({ delivery, readOnlyReason, resend }: { delivery: WebhookDelivery; readOnlyReason: string | null; resend: () => Promise<void> }) {
  const action = useAction(resend);
  return (
    <Box css={{ stack: "y", gap: "xxsmall" }}>
      <Box css={{ stack: "x", gap: "small", distribute: "space-between", alignY: "center" }}>
        <Box css={{ stack: "x", gap: "small", alignY: "center" }}>
          <Inline>{delivery.eventType}</Inline>
          {BADGES[delivery.status]}
        </Box>
        <Button size="small" onPress={() => action.run()} pending={action.pending} disabled={readOnlyReason !== null}>
          Resend
        </Button>
      </Box>
      <Inline css={{ color: "secondary", font: "caption" }}>
        {delivery.messageId} · {formatMoment(delivery.createdAt)} · {delivery.attempts} {delivery.attempts === 1 ? "attempt" : "attempts"}
        {delivery.lastStatusCode !== null ? ` · last answer ${delivery.lastStatusCode}` : ""}
      </Inline>
      {delivery.lastError ? <Inline css={{ color: "critical" }}>{delivery.lastError}</Inline> : null}
      <ActionError error={action.error} />
      <Divider />
    </Box>
  );
}
