import { Box, Button, Inline } from "@stripe/ui-extension-sdk/ui";
import type { WebhookEventSummary } from "@tessera/shared";
import { formatMoment } from "../format";
import { useAction } from "../hooks/useAction";
import { ActionError } from "./ActionError";

/** A failed Stripe event: what it was, why it failed, and Replay once the cause is fixed. */
export function FailedEventRow({ event, replay, readOnlyReason }: { event: WebhookEventSummary; replay: (event: WebhookEventSummary) => Promise<void>; readOnlyReason: string | null }) {
  const action = useAction(() => replay(event));
  return (
    <Box css={{ stack: "y", gap: "xsmall", paddingY: "small" }}>
      <Box css={{ stack: "x", gap: "small", distribute: "space-between", alignY: "center" }}>
        <Inline css={{ fontWeight: "semibold" }}>{event.type}</Inline>
        <Button size="small" onPress={() => action.run()} pending={action.pending} disabled={readOnlyReason !== null}>
          Replay
        </Button>
      </Box>
      <Box>
        {event.stripeEventId} failed: {event.outcome}
      </Box>
      <Inline css={{ color: "secondary", font: "caption" }}>
        Received {formatMoment(event.receivedAt)}
        {event.replayCount > 0 ? `, replayed ${event.replayCount}×` : ""}
      </Inline>
      <ActionError error={action.error} />
    </Box>
  );
}
