import { Box, Button } from "@stripe/ui-extension-sdk/ui";
import { ActionError } from "../ActionError";

/** Save and Cancel under a settings form, with why the last save failed. */
export function FormButtons({ save, cancel, pending, error, label }: { save: () => void; cancel: () => void; pending: boolean; error: unknown; label: string }) {
  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <ActionError error={error} />
      <Box css={{ stack: "x", gap: "small" }}>
        <Button type="primary" onPress={save} pending={pending}>
          {label}
        </Button>
        <Button onPress={cancel}>Cancel</Button>
      </Box>
    </Box>
  );
}
