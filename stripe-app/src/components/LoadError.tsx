import { Box, Button } from "@stripe/ui-extension-sdk/ui";
import { describeError } from "../api-error";
import { Notice } from "./Notice";

/** A load that failed: why, and a way to try again. */
export function LoadError({ what, error, retry }: { what: string; error: unknown; retry: () => void }) {
  return (
    <Notice title={`Could not load ${what}`} tone="critical" actions={<Button onPress={retry}>Try again</Button>}>
      <Box>{describeError(error)}</Box>
    </Notice>
  );
}
