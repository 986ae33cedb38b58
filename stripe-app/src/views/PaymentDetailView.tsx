import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { Box, ContextView } from "@stripe/ui-extension-sdk/ui";
import { Notice } from "../components/Notice";
import { ObjectLicenses } from "../components/ObjectLicenses";
import { useDashboardClient } from "../hooks/useDashboardClient";

/**
 * stripe.dashboard.payment.detail: the licenses bought with this payment. The page's object is a
 * payment_intent, or a charge for payments made without one; Tessera files one-off licenses under the
 * payment intent (Checkout and invoices always have one), so a bare charge has none.
 */
export default function PaymentDetailView(context: ExtensionContextValue) {
  const client = useDashboardClient(context);
  const object = context.environment.objectContext;
  return (
    <ContextView title="Licenses" description="Licenses of this payment">
      {object?.object === "payment_intent" ? (
        <ObjectLicenses client={client} query={{ payment_intent: object.id }} noun="payment" />
      ) : (
        <Notice title="No licenses for this payment">
          <Box>
            This payment is a charge without a payment intent{object ? ` (${object.id})` : ""}. Tessera makes licenses from Checkout sessions and invoices, whose payments always have one.
          </Box>
        </Notice>
      )}
    </ContextView>
  );
}
