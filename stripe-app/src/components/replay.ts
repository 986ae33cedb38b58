import { showToast } from "@stripe/ui-extension-sdk/utils";
import type { ReplayResult } from "@tessera/shared";

/** Tells the vendor what a replay did: licenses made, or the reason it failed again. */
export async function announceReplay(result: ReplayResult): Promise<void> {
  const ok = result.status === "PROCESSED";
  await showToast(ok ? `Replayed ${result.type}: ${result.message}` : `Replay ${result.status.toLowerCase()}: ${result.message}`, { type: ok ? "success" : "caution" });
}
