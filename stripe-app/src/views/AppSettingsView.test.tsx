import { render } from "@stripe/ui-extension-sdk/testing";
import { Spinner, Tabs, TextField } from "@stripe/ui-extension-sdk/ui";
import { Catalog, DeliveryPage, EventPage, MetadataCheck, WebhookEndpointList } from "@tessera/shared";
import { CONNECT_URL, connection, event } from "../../test/fixtures";
import { fakeBackend, refusal } from "../../test/fake-backend";
import { contextFor, fill, findButton, waitForText, waitUntil } from "../../test/render-view";
import AppSettingsView from "./AppSettingsView";

const AT = "2026-01-15T10:30:00.000Z";
const connected = { "GET /dashboard/connection": { body: connection("CONNECTED") } };
const policy = {
  id: "pol_1", product: "APP", code: "std", isDefault: true, name: "Standard", licenseType: null, validDuration: "1y", maxActivations: 3,
  floatingCloud: null, enableMaintenance: null, maintenanceDuration: null, maxLicenseUsers: null, isLicenseManager: null,
  assignCustomerAsUser: null, unpaidActiveLicensePeriod: null, addedDays: null, maxConsumptions: null, features: [], customFields: {},
  createdAt: AT, updatedAt: AT,
};
const product = {
  id: "prod_1", shortCode: "APP", name: "My App", authorizationMethod: "LICENSE_KEY", features: [{ code: "export", name: "Export" }],
  customFields: [], createdAt: AT, updatedAt: AT,
};
const catalog = Catalog.parse({
  products: [{ ...product, policies: [policy] }],
  bundles: [{ id: "b_1", code: "SUITE", name: "The Suite", members: ["APP"], createdAt: AT, updatedAt: AT }],
});
const endpoint = { id: "we_ep_1", url: "https://vendor.example/hooks", description: "ERP", eventTypes: [], enabled: true, createdAt: AT };
const delivery = {
  id: "del_1", endpointId: "we_ep_1", messageId: "msg_1", eventType: "license.created", status: "FAILED", attempts: 8,
  lastStatusCode: 500, lastError: "Internal Server Error", nextAttemptAt: null, deliveredAt: null, createdAt: AT,
};

function open(tab?: string) {
  const { wrapper } = render(<AppSettingsView {...contextFor()} />);
  if (tab) wrapper.find(Tabs)!.trigger("onSelectionChange", tab);
  return wrapper;
}

describe("Connection tab", () => {
  test("shows a spinner while the connection loads", () => {
    fakeBackend({ "GET /dashboard/connection": () => new Promise(() => undefined) });
    expect(open()).toContainComponent(Spinner);
  });

  test("connected: the account and since when, no connect button", async () => {
    fakeBackend(connected);
    const wrapper = open();
    await waitForText(wrapper, "Connected on2026-01-01");
    expect(wrapper).toContainText("Test Business");
    expect(findButton(wrapper, "Connect Tessera")).toBeNull();
  });

  test("not connected: a Connect button to the backend's connect page", async () => {
    fakeBackend({ "GET /dashboard/connection": { body: connection("NOT_CONNECTED") } });
    const wrapper = open();
    await waitForText(wrapper, "Not connected");
    expect(findButton(wrapper, "Connect Tessera")).toHaveProps({ href: CONNECT_URL, target: "_blank" });
  });

  test("disconnected: when, what it means, and Reconnect", async () => {
    fakeBackend({ "GET /dashboard/connection": { body: connection("DISCONNECTED") } });
    const wrapper = open();
    await waitForText(wrapper, "Disconnected on2026-02-03");
    expect(wrapper).toContainText("read-only until you reconnect");
    expect(findButton(wrapper, "Reconnect Tessera")).toHaveProps({ href: CONNECT_URL });
  });

  test("a failed check says why; Try again asks again", async () => {
    let calls = 0;
    const backend = fakeBackend({ "GET /dashboard/connection": () => (++calls === 1 ? refusal(401, "invalid_signature", "Bad signature") : { body: connection("CONNECTED") }) });
    const wrapper = open();
    await waitForText(wrapper, "Could not load the connection to Tessera");
    findButton(wrapper, "Try again")!.trigger("onPress");
    await waitForText(wrapper, "Connected on");
    expect(backend.sent("GET /dashboard/connection")).toHaveLength(2);
  });
});

describe("Products tab", () => {
  test("lists products with their policies, and bundles", async () => {
    fakeBackend({ ...connected, "GET /dashboard/catalog": { body: catalog } });
    const wrapper = open("products");
    await waitForText(wrapper, "My App (APP)");
    expect(wrapper).toContainText("std: Standard");
    expect(wrapper).toContainText("Default");
    expect(wrapper).toContainText("valid 1y · 3 activations");
    expect(wrapper).toContainText("The Suite (SUITE): APP");
  });

  test("an empty catalog says what to do", async () => {
    fakeBackend({ ...connected, "GET /dashboard/catalog": { body: { products: [], bundles: [] } } });
    const wrapper = open("products");
    await waitForText(wrapper, "No products yet");
  });

  test("Add product sends the form's fields and shows the catalog again", async () => {
    let created = false;
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/catalog": () => ({ body: created ? { ...catalog, products: [...catalog.products, { ...product, id: "prod_2", shortCode: "TOOL", name: "Tool", policies: [] }] } : catalog }),
      "POST /dashboard/products": () => {
        created = true;
        return { status: 201, body: { ...product, id: "prod_2", shortCode: "TOOL", name: "Tool", policies: [] } };
      },
    });
    const wrapper = open("products");
    await waitForText(wrapper, "My App (APP)");
    findButton(wrapper, "Add product")!.trigger("onPress");
    fill(wrapper, "Short code", "TOOL");
    fill(wrapper, "Name", "Tool");
    fill(wrapper, "Licenses are used", "USER");
    fill(wrapper, "Features", "pro: Pro tier\nsync");
    fill(wrapper, "Custom fields", "Seats = 5");
    findButton(wrapper, "Create product")!.trigger("onPress");

    await waitForText(wrapper, "Tool (TOOL)");
    expect(backend.sent("POST /dashboard/products")[0]!.body).toMatchObject({
      shortCode: "TOOL",
      name: "Tool",
      authorizationMethod: "USER",
      features: [{ code: "pro", name: "Pro tier" }, { code: "sync", name: "sync" }],
      customFields: [{ name: "Seats", defaultValue: "5" }],
    });
    expect(wrapper.findAll(TextField).find((f) => f.props.label === "Short code")).toBeUndefined();
  });

  test("Edit policy sends the changed terms to that product's policy", async () => {
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/catalog": { body: catalog },
      "PATCH /dashboard/products/:shortCode/policies/:code": (request) => ({ body: { ...policy, ...request.body } }),
    });
    const wrapper = open("products");
    await waitForText(wrapper, "std: Standard");
    findButton(wrapper, "Edit policy std")!.trigger("onPress");
    fill(wrapper, "Max activations", "5");
    fill(wrapper, "Valid for (e.g. 30d, 1y)", "");
    fill(wrapper, "Maintenance", "true");
    findButton(wrapper, "Save policy")!.trigger("onPress");

    await waitUntil(wrapper, () => backend.sent("PATCH /dashboard/products/:shortCode/policies/:code").length === 1, "the policy to be saved");
    const [sent] = backend.sent("PATCH /dashboard/products/:shortCode/policies/:code");
    expect(sent!.path).toBe("/dashboard/products/APP/policies/std");
    expect(sent!.body).toMatchObject({ name: "Standard", maxActivations: 5, validDuration: null, enableMaintenance: true, licenseType: null });
    expect(sent!.body).not.toHaveProperty("isDefault");
  });

  test("a term that is no number is named under its field, and nothing is sent", async () => {
    const backend = fakeBackend({ ...connected, "GET /dashboard/catalog": { body: catalog } });
    const wrapper = open("products");
    await waitForText(wrapper, "std: Standard");
    findButton(wrapper, "Add policy to APP")!.trigger("onPress");
    fill(wrapper, "Code", "trial");
    fill(wrapper, "Name", "Trial");
    fill(wrapper, "Max activations", "three");
    findButton(wrapper, "Create policy")!.trigger("onPress");

    await waitForText(wrapper, "Some fields need fixing.");
    const field = wrapper.findAll(TextField).find((f) => f.props.label === "Max activations");
    expect(field!.props.error).toMatch(/number/);
    expect(backend.sent("POST /dashboard/products/:shortCode/policies")).toHaveLength(0);
  });

  test("the backend's refusal of a field is shown under that field", async () => {
    fakeBackend({
      ...connected,
      "GET /dashboard/catalog": { body: catalog },
      "POST /dashboard/bundles": { status: 409, body: { error: { code: "conflict", message: "SUITE is taken", details: [{ path: "code", message: "A bundle SUITE exists" }] } } },
    });
    const wrapper = open("products");
    await waitForText(wrapper, "My App (APP)");
    findButton(wrapper, "Add bundle")!.trigger("onPress");
    fill(wrapper, "Code", "SUITE");
    fill(wrapper, "Name", "Suite again");
    fill(wrapper, "My App (APP)", true);
    findButton(wrapper, "Create bundle")!.trigger("onPress");
    await waitForText(wrapper, "SUITE is taken");
    expect(wrapper.findAll(TextField).find((f) => f.props.label === "Code")!.props.error).toBe("A bundle SUITE exists");
  });

  test("disconnected: the catalog shows, and every change is disabled", async () => {
    fakeBackend({ "GET /dashboard/connection": { body: connection("DISCONNECTED") }, "GET /dashboard/catalog": { body: catalog } });
    const wrapper = open("products");
    await waitForText(wrapper, "My App (APP)");
    for (const label of ["Add product", "Add bundle", "Edit APP", "Add policy to APP", "Edit policy std", "Edit bundle SUITE"]) {
      expect(findButton(wrapper, label)).toHaveProps({ disabled: true });
    }
  });

  test("not connected: the tab asks to connect first and loads nothing", async () => {
    const backend = fakeBackend({ "GET /dashboard/connection": { body: connection("NOT_CONNECTED") } });
    const wrapper = open("products");
    await waitForText(wrapper, "Tessera is not connected to this account");
    expect(backend.sent("GET /dashboard/catalog")).toHaveLength(0);
  });
});

describe("Metadata check tab", () => {
  test("lists prices with problems first, each problem naming the key to fix", async () => {
    fakeBackend({
      ...connected,
      "GET /dashboard/metadata-check": {
        body: MetadataCheck.parse({
          checkedAt: AT,
          prices: [
            { priceId: "price_ok", nickname: "Monthly", productId: "prod_a", productName: "My App", recurring: true, status: "OK", shortCode: "APP", problems: [] },
            {
              priceId: "price_bad", nickname: null, productId: "prod_b", productName: "Tool", recurring: false, status: "PROBLEMS", shortCode: null,
              problems: [{ key: "short_code", message: "missing: every license price needs one" }],
            },
          ],
        }),
      },
    });
    const wrapper = open("metadata");
    await waitForText(wrapper, "1 price needs fixing");
    expect(wrapper).toContainText("short_code: missing: every license price needs one");
    expect(wrapper.text.indexOf("price_bad")).toBeLessThan(wrapper.text.indexOf("price_ok"));
  });
});

describe("Failed events tab", () => {
  test("pages through failed events; Replay replays that one and reloads the list", async () => {
    let replayed = false;
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/events": (request) =>
        request.query.cursor === "next"
          ? { body: EventPage.parse({ data: [event({ id: "we_2", stripeEventId: "evt_2" })], nextCursor: null }) }
          : { body: EventPage.parse({ data: replayed ? [] : [event()], nextCursor: replayed ? null : "next" }) },
      "POST /dashboard/events/:id/replay": () => {
        replayed = true;
        return { body: { id: "we_1", stripeEventId: "evt_1", type: "invoice.paid", status: "PROCESSED", message: "1 license created", errorCode: null } };
      },
    });
    const wrapper = open("events");
    await waitForText(wrapper, "evt_1 failed");
    expect(backend.sent("GET /dashboard/events")[0]!.query).toMatchObject({ status: "FAILED" });
    findButton(wrapper, "Load more events")!.trigger("onPress");
    await waitForText(wrapper, "evt_2 failed");

    findButton(wrapper, "Replay")!.trigger("onPress");
    await waitForText(wrapper, "No failed events");
    expect(backend.sent("POST /dashboard/events/:id/replay").map((r) => r.path)).toEqual(["/dashboard/events/we_1/replay"]);
  });
});

describe("Webhooks tab", () => {
  test("Add endpoint sends the URL and types, then shows the signing secret once", async () => {
    let endpoints: (typeof endpoint)[] = [];
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/webhook-endpoints": () => ({ body: WebhookEndpointList.parse({ data: endpoints }) }),
      "POST /dashboard/webhook-endpoints": () => {
        endpoints = [endpoint];
        return { status: 201, body: { ...endpoint, secret: "whsec_shownonce" } };
      },
    });
    const wrapper = open("webhooks");
    await waitForText(wrapper, "No endpoints");
    findButton(wrapper, "Add endpoint")!.trigger("onPress");
    fill(wrapper, "URL", "https://vendor.example/hooks");
    fill(wrapper, "license.disabled", true);
    findButton(wrapper, "Add endpoint")!.trigger("onPress");

    await waitForText(wrapper, "whsec_shownonce");
    expect(wrapper).toContainText("This is the only time Tessera shows it");
    expect(wrapper).toContainText("https://vendor.example/hooks");
    expect(backend.sent("POST /dashboard/webhook-endpoints")[0]!.body).toMatchObject({ url: "https://vendor.example/hooks", eventTypes: ["license.disabled"] });

    findButton(wrapper, "Done, I stored it")!.trigger("onPress");
    expect(wrapper).not.toContainText("whsec_shownonce");
  });

  test("Disable turns the endpoint off", async () => {
    let enabled = true;
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/webhook-endpoints": () => ({ body: { data: [{ ...endpoint, enabled }] } }),
      "PATCH /dashboard/webhook-endpoints/:id": (request) => {
        enabled = request.body?.enabled === true;
        return { body: { ...endpoint, enabled } };
      },
    });
    const wrapper = open("webhooks");
    await waitForText(wrapper, "Enabled");
    findButton(wrapper, "Disable")!.trigger("onPress");
    await waitUntil(wrapper, () => findButton(wrapper, "Enable") !== null, "the endpoint to show disabled");
    expect(backend.sent("PATCH /dashboard/webhook-endpoints/:id")[0]).toMatchObject({ path: "/dashboard/webhook-endpoints/we_ep_1", body: { enabled: false } });
  });

  test("Deliveries lists what was sent; Resend sends that delivery again and shows its new state", async () => {
    const backend = fakeBackend({
      ...connected,
      "GET /dashboard/webhook-endpoints": { body: { data: [endpoint] } },
      "GET /dashboard/webhook-endpoints/:id/deliveries": { body: DeliveryPage.parse({ data: [delivery], nextCursor: null }) },
      "POST /dashboard/webhook-deliveries/:id/resend": { body: { ...delivery, status: "DELIVERED", attempts: 9, lastStatusCode: 200, lastError: null, deliveredAt: AT } },
    });
    const wrapper = open("webhooks");
    await waitForText(wrapper, "https://vendor.example/hooks");
    findButton(wrapper, "Deliveries")!.trigger("onPress");
    await waitForText(wrapper, "Internal Server Error");
    expect(backend.sent("GET /dashboard/webhook-endpoints/:id/deliveries")[0]!.path).toBe("/dashboard/webhook-endpoints/we_ep_1/deliveries");

    findButton(wrapper, "Resend")!.trigger("onPress");
    await waitForText(wrapper, "Delivered");
    expect(wrapper).not.toContainText("Internal Server Error");
    expect(backend.sent("POST /dashboard/webhook-deliveries/:id/resend").map((r) => r.path)).toEqual(["/dashboard/webhook-deliveries/del_1/resend"]);
  });
});
