import { render } from "@stripe/ui-extension-sdk/testing";
import { fakeBackend } from "../../test/fake-backend";
import { objectLicenseViewSuite } from "../../test/object-license-view-suite";
import { contextFor } from "../../test/render-view";
import PaymentDetailView from "./PaymentDetailView";

objectLicenseViewSuite({
  View: PaymentDetailView,
  object: { id: "pi_777", object: "payment_intent" },
  filter: { payment_intent: "pi_777" },
  noun: "payment",
});

test("a charge without a payment intent has no licenses, and the view says why without asking the backend", () => {
  const backend = fakeBackend();
  const { wrapper } = render(<PaymentDetailView {...contextFor({ id: "ch_1", object: "charge" })} />);
  expect(wrapper).toContainText("This payment is a charge without a payment intent (ch_1)");
  expect(backend.requests).toHaveLength(0);
});
