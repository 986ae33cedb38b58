import { Box, Divider } from "@stripe/ui-extension-sdk/ui";
import type { EventPage, WebhookEventSummary } from "@tessera/shared";
import { useCallback } from "react";
import type { DashboardClient } from "../../api";
import { usePages } from "../../hooks/usePages";
import { FailedEventRow } from "../FailedEventRow";
import { LoadError } from "../LoadError";
import { Loading } from "../Loading";
import { LoadMore } from "../LoadMore";
import { Notice } from "../Notice";
import { announceReplay } from "../replay";

/** Every event that failed, newest first, each with why and Replay. */
export function FailedEventsTab({ client, readOnlyReason }: { client: DashboardClient; readOnlyReason: string | null }) {
  const loadPage = useCallback((cursor?: string) => client.failedEvents(cursor), [client]);
  const pages = usePages<WebhookEventSummary, EventPage>(loadPage, [loadPage]);
  const replay = async (event: WebhookEventSummary) => {
    await announceReplay(await client.replayEvent(event.id));
    pages.reload();
  };
  if (pages.state.status === "loading") return <Loading />;
  if (pages.state.status === "error") return <LoadError what="failed events" error={pages.state.error} retry={pages.reload} />;
  const { items, nextCursor } = pages.state.data;
  if (items.length === 0) return <Notice title="No failed events">Every Stripe event Tessera received was handled.</Notice>;
  return (
    <Box css={{ stack: "y", gap: "small" }}>
      {items.map((event) => (
        <Box key={event.id} css={{ stack: "y" }}>
          <FailedEventRow event={event} replay={replay} readOnlyReason={readOnlyReason} />
          <Divider />
        </Box>
      ))}
      <LoadMore nextCursor={nextCursor} loadMore={pages.loadMore} more={pages.more} label="Load more events" />
    </Box>
  );
}
