import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { ContextView } from "@stripe/ui-extension-sdk/ui";
import { ObjectLicenses } from "../components/ObjectLicenses";
import { useDashboardClient } from "../hooks/useDashboardClient";

/** stripe.dashboard.customer.detail: every license of this customer, from all their purchases. */
export default function CustomerDetailView(context: ExtensionContextValue) {
  const client = useDashboardClient(context);
  const customer = context.environment.objectContext?.id ?? "";
  return (
    <ContextView title="Licenses" description="Licenses of this customer">
      <ObjectLicenses client={client} query={{ customer }} noun="customer" />
    </ContextView>
  );
}
