import { Badge } from "@stripe/ui-extension-sdk/ui";
import type { LicenseSummary } from "@tessera/shared";

export function LicenseStatusBadge({ license }: { license: Pick<LicenseSummary, "status" | "manuallyDisabled"> }) {
  if (license.status === "ACTIVE") return <Badge type="positive">Active</Badge>;
  return <Badge type="negative">{license.manuallyDisabled ? "Disabled by hand" : "Disabled"}</Badge>;
}
