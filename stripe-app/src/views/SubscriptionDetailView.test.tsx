import { objectLicenseViewSuite } from "../../test/object-license-view-suite";
import SubscriptionDetailView from "./SubscriptionDetailView";

objectLicenseViewSuite({
  View: SubscriptionDetailView,
  object: { id: "sub_123", object: "subscription" },
  filter: { subscription: "sub_123" },
  noun: "subscription",
});
