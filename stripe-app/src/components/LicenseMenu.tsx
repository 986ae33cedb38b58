import { Button, Icon, Menu, MenuItem } from "@stripe/ui-extension-sdk/ui";
import type { LicenseSummary } from "@tessera/shared";

export interface LicenseActions {
  enable(license: LicenseSummary): void;
  disable(license: LicenseSummary): void;
  showInfo(license: LicenseSummary): void;
}

/** Enable and Disable are offered when they would change something and the account takes writes. */
export function LicenseMenu({ license, actions, readOnlyReason }: { license: LicenseSummary; actions: LicenseActions; readOnlyReason: string | null }) {
  const readOnly = readOnlyReason !== null;
  return (
    <Menu
      trigger={
        <Button size="small">
          <Icon name="more" size="xsmall" />
          Actions
        </Button>
      }
    >
      <MenuItem id="enable" disabled={readOnly || license.status === "ACTIVE"} onAction={() => actions.enable(license)}>
        Enable
      </MenuItem>
      <MenuItem id="disable" disabled={readOnly || license.status === "DISABLED"} onAction={() => actions.disable(license)}>
        Disable…
      </MenuItem>
      <MenuItem id="info" onAction={() => actions.showInfo(license)}>
        License info
      </MenuItem>
    </Menu>
  );
}
