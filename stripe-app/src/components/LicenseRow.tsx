import { Box, Inline } from "@stripe/ui-extension-sdk/ui";
import type { LicenseSummary } from "@tessera/shared";
import { formatDay } from "../format";
import { ActionError } from "./ActionError";
import { CopyButton } from "./CopyButton";
import { activationsLabel, productLabel } from "./license-labels";
import { LicenseMenu, type LicenseActions } from "./LicenseMenu";
import { LicenseStatusBadge } from "./LicenseStatusBadge";

export function LicenseRow({ license, actions, readOnlyReason, error }: { license: LicenseSummary; actions: LicenseActions; readOnlyReason: string | null; error: unknown }) {
  return (
    <Box css={{ stack: "y", gap: "xsmall", paddingY: "small" }}>
      <Box css={{ stack: "x", gap: "small", distribute: "space-between", alignY: "center" }}>
        <Inline css={{ fontFamily: "monospace" }}>{license.key}</Inline>
        <CopyButton text={license.key} label="License key" />
      </Box>
      <Box css={{ stack: "x", gap: "small", alignY: "center", wrap: "wrap" }}>
        <LicenseStatusBadge license={license} />
        <Inline>{productLabel(license)}</Inline>
      </Box>
      <Box css={{ stack: "x", gap: "medium", wrap: "wrap", color: "secondary" }}>
        <Inline>Expires: {formatDay(license.expiresAt)}</Inline>
        <Inline>Activations: {activationsLabel(license)}</Inline>
      </Box>
      {license.status === "DISABLED" && license.disabledReason ? <Inline css={{ color: "secondary" }}>Reason: {license.disabledReason}</Inline> : null}
      <Box css={{ stack: "x", alignX: "end" }}>
        <LicenseMenu license={license} actions={actions} readOnlyReason={readOnlyReason} />
      </Box>
      <ActionError error={error} />
    </Box>
  );
}
