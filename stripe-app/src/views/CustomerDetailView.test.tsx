import { objectLicenseViewSuite } from "../../test/object-license-view-suite";
import CustomerDetailView from "./CustomerDetailView";

objectLicenseViewSuite({
  View: CustomerDetailView,
  object: { id: "cus_42", object: "customer" },
  filter: { customer: "cus_42" },
  noun: "customer",
});
