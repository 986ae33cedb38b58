import { Box, Button } from "@stripe/ui-extension-sdk/ui";
import { ActionError } from "./ActionError";

/** The button under a paged list while there is a next page, with why the last one failed to load. */
export function LoadMore({ nextCursor, loadMore, more, label }: { nextCursor: string | null; loadMore: () => void; more: { pending: boolean; error: unknown }; label: string }) {
  return (
    <Box css={{ stack: "y", gap: "small" }}>
      {nextCursor ? (
        <Button onPress={loadMore} pending={more.pending}>
          {label}
        </Button>
      ) : null}
      <ActionError error={more.error} />
    </Box>
  );
}
