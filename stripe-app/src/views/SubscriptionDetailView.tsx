import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { ContextView } from "@stripe/ui-extension-sdk/ui";
import { ObjectLicenses } from "../components/ObjectLicenses";
import { useDashboardClient } from "../hooks/useDashboardClient";

/** stripe.dashboard.subscription.detail: the licenses this subscription pays for. */
export default function SubscriptionDetailView(context: ExtensionContextValue) {
  const client = useDashboardClient(context);
  const subscription = context.environment.objectContext?.id ?? "";
  return (
    <ContextView title="Licenses" description="Licenses of this subscription">
      <ObjectLicenses client={client} query={{ subscription }} noun="subscription" />
    </ContextView>
  );
}
