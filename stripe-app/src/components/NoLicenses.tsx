import { Box } from "@stripe/ui-extension-sdk/ui";
import type { DashboardLicensePage, WebhookEventSummary } from "@tessera/shared";
import { FailedEventRow } from "./FailedEventRow";
import { Notice } from "./Notice";

/**
 * Why an object has no license, from the events Tessera recorded about it: one that failed (with Replay,
 * for after the cause is fixed), one that made no license and why, or none at all.
 */
export function NoLicenses({ noun, related, replay, readOnlyReason }: {
  noun: string;
  related: DashboardLicensePage["related"];
  replay: (event: WebhookEventSummary) => Promise<void>;
  readOnlyReason: string | null;
}) {
  if (related.failed.length > 0) {
    return (
      <Notice title={`No licenses: an event about this ${noun} failed`} tone="critical">
        <Box>Fix what the event names (often the price's metadata or the catalog), then replay it.</Box>
        {related.failed.map((event) => (
          <FailedEventRow key={event.id} event={event} replay={replay} readOnlyReason={readOnlyReason} />
        ))}
      </Notice>
    );
  }
  if (related.ignored.length > 0) {
    return (
      <Notice title={`No licenses: this ${noun} made none`}>
        {related.ignored.map((event) => (
          <Box key={event.id}>
            {event.type} ({event.stripeEventId}): {event.outcome}
          </Box>
        ))}
      </Notice>
    );
  }
  return (
    <Notice title={`No licenses for this ${noun}`}>
      <Box>
        Tessera has recorded no event about this {noun}. Licenses are made when Stripe reports a paid invoice or a completed Checkout whose prices carry Tessera's metadata (short_code).
      </Box>
    </Notice>
  );
}
