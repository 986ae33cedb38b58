import { Box, Button, FocusView, TextArea } from "@stripe/ui-extension-sdk/ui";
import type { LicenseSummary } from "@tessera/shared";
import { useState } from "react";
import { useAction } from "../hooks/useAction";
import { ActionError } from "./ActionError";

/** Asks before disabling: the key stops working at once, and no automatic change will turn it back on. */
export function DisableConfirmation({ license, disable, close }: { license: LicenseSummary; disable: (reason: string | undefined) => Promise<void>; close: () => void }) {
  const [reason, setReason] = useState("");
  const confirm = useAction(async () => {
    await disable(reason.trim() || undefined);
    close();
  });
  return (
    <FocusView
      title="Disable license"
      shown
      setShown={(shown) => (shown ? undefined : close())}
      primaryAction={
        <Button type="destructive" pending={confirm.pending} onPress={() => confirm.run()}>
          Disable license
        </Button>
      }
      secondaryAction={<Button onPress={close}>Cancel</Button>}
    >
      <Box css={{ stack: "y", gap: "medium" }}>
        <Box>
          License {license.key} stops working at once. It stays disabled until someone enables it here: renewals and other automatic changes never turn it back on.
        </Box>
        <TextArea label="Reason" description="Written to the license's history" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        <ActionError error={confirm.error} />
      </Box>
    </FocusView>
  );
}
