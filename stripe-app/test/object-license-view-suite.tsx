import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { render } from "@stripe/ui-extension-sdk/testing";
import { FocusView, MenuItem, Spinner, TextArea } from "@stripe/ui-extension-sdk/ui";
import { showToast } from "@stripe/ui-extension-sdk/utils";
import type { LicenseFilters } from "@tessera/shared";
import { CONNECT_URL, connection, event, license, licenseDetail, licensePage } from "./fixtures";
import { fakeBackend, refusal } from "./fake-backend";
import { contextFor, findButton, waitForText, waitUntil } from "./render-view";

interface ObjectView {
  View: (context: ExtensionContextValue) => JSX.Element;
  object: { id: string; object: string };
  /** The listing filter the view must send for its object. */
  filter: Pick<LicenseFilters, "subscription" | "payment_intent" | "customer">;
  noun: string;
}

/**
 * The states and actions every view that lists one Stripe object's licenses must show the same way:
 * loading, empty (with the reason), error, not connected, disconnected, a paged list, and Enable, Disable,
 * License info, Free machine and Replay calling the backend with the right ids.
 */
export function objectLicenseViewSuite({ View, object, filter, noun }: ObjectView) {
  const mount = () => render(<View {...contextFor(object)} />).wrapper;
  const connected = { "GET /dashboard/connection": { body: connection("CONNECTED") } };

  test("shows a spinner while the licenses load", () => {
    fakeBackend({ ...connected, "GET /dashboard/licenses": () => new Promise(() => undefined) });
    expect(mount()).toContainComponent(Spinner);
  });

  test(`lists the ${noun}'s licenses: key, product, status, expiry, activations`, async () => {
    const backend = fakeBackend({ ...connected, "GET /dashboard/licenses": { body: licensePage([license()]) } });
    const wrapper = mount();
    await waitForText(wrapper, "7K2QF-9XH3M-P4RTV-C8WNJ");
    expect(wrapper).toContainText("My App");
    expect(wrapper).toContainText("Active");
    expect(wrapper).toContainText("Expires: 2026-02-15");
    expect(wrapper).toContainText("Activations: 1 / 3");
    expect(backend.sent("GET /dashboard/licenses")[0]!.query).toMatchObject(filter);
  });

  test("pages: Load more asks for the next cursor and appends the page", async () => {
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/licenses": (request) =>
        request.query.cursor === "page2"
          ? { body: licensePage([license({ id: "lic_2", key: "AAAAA-BBBBB-CCCCC-DDDDD" })]) }
          : { body: licensePage([license()], { nextCursor: "page2" }) },
    });
    const wrapper = mount();
    await waitForText(wrapper, "7K2QF-9XH3M-P4RTV-C8WNJ");
    expect(wrapper).not.toContainText("AAAAA-BBBBB-CCCCC-DDDDD");

    findButton(wrapper, "Load more licenses")!.trigger("onPress");
    await waitForText(wrapper, "AAAAA-BBBBB-CCCCC-DDDDD");
    expect(wrapper).toContainText("7K2QF-9XH3M-P4RTV-C8WNJ");
    expect(backend.sent("GET /dashboard/licenses")[1]!.query).toMatchObject({ ...filter, cursor: "page2" });
    expect(findButton(wrapper, "Load more licenses")).toBeNull();
  });

  test("empty because the event made no license: says why", async () => {
    const ignored = event({ status: "IGNORED", errorCode: null, outcome: "price price_9 has no short_code: not a license item" });
    fakeBackend({ ...connected, "GET /dashboard/licenses": { body: licensePage([], { related: { failed: [], ignored: [ignored] } }) } });
    const wrapper = mount();
    await waitForText(wrapper, `No licenses: this ${noun} made none`);
    expect(wrapper).toContainText("price price_9 has no short_code: not a license item");
  });

  test("empty because an event failed: says why, and Replay makes the licenses appear", async () => {
    const failed = event();
    let replayed = false;
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/licenses": () => ({ body: replayed ? licensePage([license()]) : licensePage([], { related: { failed: [failed], ignored: [] } }) }),
      "POST /dashboard/events/:id/replay": () => {
        replayed = true;
        return { body: { id: "we_1", stripeEventId: "evt_1", type: "invoice.paid", status: "PROCESSED", message: "1 license created", errorCode: null } };
      },
    });
    const wrapper = mount();
    await waitForText(wrapper, `No licenses: an event about this ${noun} failed`);
    expect(wrapper).toContainText("evt_1 failed: price price_1: short_code APP is not a product of the catalog");

    findButton(wrapper, "Replay")!.trigger("onPress");
    await waitForText(wrapper, "7K2QF-9XH3M-P4RTV-C8WNJ");
    expect(backend.sent("POST /dashboard/events/:id/replay").map((r) => r.path)).toEqual(["/dashboard/events/we_1/replay"]);
    expect(showToast).toHaveBeenCalledWith("Replayed invoice.paid: 1 license created", { type: "success" });
  });

  test("empty with no event at all: says Tessera heard nothing about it", async () => {
    fakeBackend({ ...connected, "GET /dashboard/licenses": { body: licensePage([]) } });
    const wrapper = mount();
    await waitForText(wrapper, `Tessera has recorded no event about this ${noun}`);
  });

  test("a failed load says why and can be retried", async () => {
    let calls = 0;
    fakeBackend({
      ...connected,
      "GET /dashboard/licenses": () => (++calls === 1 ? refusal(500, "internal", "Database unavailable") : { body: licensePage([license()]) }),
    });
    const wrapper = mount();
    await waitForText(wrapper, "Could not load licenses");
    expect(wrapper).toContainText("Database unavailable");

    findButton(wrapper, "Try again")!.trigger("onPress");
    await waitForText(wrapper, "7K2QF-9XH3M-P4RTV-C8WNJ");
  });

  test("not connected: a Connect button to the backend's connect page, and no listing", async () => {
    const backend = fakeBackend({ "GET /dashboard/connection": { body: connection("NOT_CONNECTED") } });
    const wrapper = mount();
    await waitForText(wrapper, "Tessera is not connected to this account");
    expect(findButton(wrapper, "Connect Tessera")).toHaveProps({ href: CONNECT_URL });
    expect(backend.sent("GET /dashboard/licenses")).toHaveLength(0);
  });

  test("disconnected: licenses still show, every write is disabled with the reason", async () => {
    fakeBackend({
      "GET /dashboard/connection": { body: connection("DISCONNECTED") },
      "GET /dashboard/licenses": { body: licensePage([license()]) },
      "GET /dashboard/licenses/:id": { body: licenseDetail() },
    });
    const wrapper = mount();
    await waitForText(wrapper, "7K2QF-9XH3M-P4RTV-C8WNJ");
    expect(wrapper).toContainText("Tessera was disconnected from this account on 2026-02-03: licenses and settings are read-only");
    expect(findButton(wrapper, "Reconnect Tessera")).toHaveProps({ href: CONNECT_URL });
    expect(wrapper.find(MenuItem, { id: "enable" })).toHaveProps({ disabled: true });
    expect(wrapper.find(MenuItem, { id: "disable" })).toHaveProps({ disabled: true });

    wrapper.find(MenuItem, { id: "info" })!.trigger("onAction", "info");
    await waitForText(wrapper, "Build server");
    expect(findButton(wrapper, "Free machine")).toHaveProps({ disabled: true });
  });

  test("Enable calls the backend for that license and shows it active", async () => {
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/licenses": { body: licensePage([license({ status: "DISABLED", manuallyDisabled: true, disabledReason: "key leaked" })]) },
      "POST /dashboard/licenses/:id/enable": { body: licenseDetail({ status: "ACTIVE" }) },
    });
    const wrapper = mount();
    await waitForText(wrapper, "Disabled by hand");
    expect(wrapper.find(MenuItem, { id: "disable" })).toHaveProps({ disabled: true });

    wrapper.find(MenuItem, { id: "enable" })!.trigger("onAction", "enable");
    await waitUntil(wrapper, () => !wrapper.text.includes("Disabled by hand"), "the license to show active");
    expect(wrapper).toContainText("Active");
    expect(backend.sent("POST /dashboard/licenses/:id/enable").map((r) => r.path)).toEqual(["/dashboard/licenses/lic_1/enable"]);
  });

  test("Disable asks for a reason first, sends it, and shows the license disabled", async () => {
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/licenses": { body: licensePage([license()]) },
      "POST /dashboard/licenses/:id/disable": (request) => ({
        body: licenseDetail({ status: "DISABLED", manuallyDisabled: true, disabledReason: String(request.body?.reason) }),
      }),
    });
    const wrapper = mount();
    await waitForText(wrapper, "7K2QF-9XH3M-P4RTV-C8WNJ");

    wrapper.find(MenuItem, { id: "disable" })!.trigger("onAction", "disable");
    expect(wrapper.find(FocusView)).toHaveProps({ title: "Disable license", shown: true });
    expect(backend.sent("POST /dashboard/licenses/:id/disable")).toHaveLength(0);
    wrapper.find(TextArea)!.trigger("onChange", { target: { value: "  key leaked on a forum " } });
    wrapper.find(FocusView)!.triggerKeypath("primaryAction.children[0].props.onPress");

    await waitForText(wrapper, "Reason: key leaked on a forum");
    expect(wrapper).toContainText("Disabled by hand");
    expect(wrapper.find(FocusView)).toBeNull();
    const [sent] = backend.sent("POST /dashboard/licenses/:id/disable");
    expect(sent).toMatchObject({ path: "/dashboard/licenses/lic_1/disable", body: { reason: "key leaked on a forum" } });
  });

  test("a refused Disable keeps the dialog open with the backend's reason", async () => {
    fakeBackend({
      ...connected,
      "GET /dashboard/licenses": { body: licensePage([license()]) },
      "POST /dashboard/licenses/:id/disable": refusal(409, "account_disconnected", "The account is disconnected"),
    });
    const wrapper = mount();
    await waitForText(wrapper, "7K2QF-9XH3M-P4RTV-C8WNJ");
    wrapper.find(MenuItem, { id: "disable" })!.trigger("onAction", "disable");
    wrapper.find(FocusView)!.triggerKeypath("primaryAction.children[0].props.onPress");
    await waitForText(wrapper, "Tessera is disconnected from this Stripe account");
    expect(wrapper.find(FocusView)).not.toBeNull();
  });

  test("License info shows the whole license; Free machine frees it and the list follows", async () => {
    const freed = licenseDetail({ activations: [], activeActivations: 0, activationsUsed: 0 });
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/licenses": { body: licensePage([license()]) },
      "GET /dashboard/licenses/:id": { body: licenseDetail({ stripeEntitlements: ["priority_support"] }) },
      "POST /dashboard/licenses/:id/activations/:activationId/deactivate": { body: freed },
    });
    const wrapper = mount();
    await waitForText(wrapper, "7K2QF-9XH3M-P4RTV-C8WNJ");

    wrapper.find(MenuItem, { id: "info" })!.trigger("onAction", "info");
    await waitForText(wrapper, "Build server");
    expect(backend.sent("GET /dashboard/licenses/:id").map((r) => r.path)).toEqual(["/dashboard/licenses/lic_1"]);
    for (const text of ["maxActivations", "export", "Serial", "SN-42", "dev@example.com", "Manager", "CREATED", "Created from invoice in_1", "STRIPE_EVENT evt_1", "Stripe Entitlements", "priority_support"]) {
      expect(wrapper).toContainText(text);
    }

    findButton(wrapper, "Free machine")!.trigger("onPress");
    await waitForText(wrapper, "Not activated on any machine");
    expect(backend.sent("POST /dashboard/licenses/:id/activations/:activationId/deactivate").map((r) => r.path)).toEqual([
      "/dashboard/licenses/lic_1/activations/act_1/deactivate",
    ]);
    expect(wrapper).toContainText("Activations: 0 / 3");
  });
}
