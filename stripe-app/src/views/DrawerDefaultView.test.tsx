import { render } from "@stripe/ui-extension-sdk/testing";
import { Spinner } from "@stripe/ui-extension-sdk/ui";
import { DashboardSummary } from "@tessera/shared";
import { CONNECT_URL, connection, event } from "../../test/fixtures";
import { fakeBackend, refusal } from "../../test/fake-backend";
import { contextFor, findButton, waitForText } from "../../test/render-view";
import DrawerDefaultView from "./DrawerDefaultView";

const connected = { "GET /dashboard/connection": { body: connection("CONNECTED") } };
const summary = (failed: ReturnType<typeof event>[]) =>
  DashboardSummary.parse({ licenses: { active: 12, disabled: 3 }, failedEvents: { count: failed.length, recent: failed } });
const mount = () => render(<DrawerDefaultView {...contextFor()} />).wrapper;

test("shows a spinner while the summary loads", () => {
  fakeBackend({ ...connected, "GET /dashboard/summary": () => new Promise(() => undefined) });
  expect(mount()).toContainComponent(Spinner);
});

test("counts the account's licenses and says when no event failed", async () => {
  fakeBackend({ ...connected, "GET /dashboard/summary": { body: summary([]) } });
  const wrapper = mount();
  await waitForText(wrapper, "No failed events");
  expect(wrapper).toContainText("Active12");
  expect(wrapper).toContainText("Disabled3");
});

test("lists failed events with why they failed; Replay replays that event and refreshes the summary", async () => {
  let replayed = false;
  const backend = fakeBackend({
    ...connected,
    "GET /dashboard/summary": () => ({ body: summary(replayed ? [] : [event({ id: "we_9", stripeEventId: "evt_9" })]) }),
    "POST /dashboard/events/:id/replay": () => {
      replayed = true;
      return { body: { id: "we_9", stripeEventId: "evt_9", type: "invoice.paid", status: "PROCESSED", message: "2 licenses created", errorCode: null } };
    },
  });
  const wrapper = mount();
  await waitForText(wrapper, "1 failed event needs attention");
  expect(wrapper).toContainText("evt_9 failed: price price_1: short_code APP is not a product of the catalog");

  findButton(wrapper, "Replay")!.trigger("onPress");
  await waitForText(wrapper, "No failed events");
  expect(backend.sent("POST /dashboard/events/:id/replay").map((r) => r.path)).toEqual(["/dashboard/events/we_9/replay"]);
  expect(backend.sent("GET /dashboard/summary")).toHaveLength(2);
});

test("a replay that fails again keeps the event and shows why the replay was refused", async () => {
  fakeBackend({
    ...connected,
    "GET /dashboard/summary": { body: summary([event()]) },
    "POST /dashboard/events/:id/replay": refusal(409, "account_disconnected", "Reconnect before replaying"),
  });
  const wrapper = mount();
  await waitForText(wrapper, "1 failed event needs attention");
  findButton(wrapper, "Replay")!.trigger("onPress");
  await waitForText(wrapper, "Tessera is disconnected from this Stripe account");
});

test("a failed load says why and can be retried", async () => {
  let calls = 0;
  fakeBackend({ ...connected, "GET /dashboard/summary": () => (++calls === 1 ? refusal(401, "invalid_signature", "Signature mismatch") : { body: summary([]) }) });
  const wrapper = mount();
  await waitForText(wrapper, "Could not load the summary");
  expect(wrapper).toContainText("Tessera refused the app's signature: Signature mismatch");
  findButton(wrapper, "Try again")!.trigger("onPress");
  await waitForText(wrapper, "No failed events");
});

test("not connected: a Connect button, and no summary asked for", async () => {
  const backend = fakeBackend({ "GET /dashboard/connection": { body: connection("NOT_CONNECTED") } });
  const wrapper = mount();
  await waitForText(wrapper, "Tessera is not connected to this account");
  expect(findButton(wrapper, "Connect Tessera")).toHaveProps({ href: CONNECT_URL });
  expect(backend.sent("GET /dashboard/summary")).toHaveLength(0);
});

test("disconnected: the summary shows, Replay is disabled with the reason above it", async () => {
  fakeBackend({ "GET /dashboard/connection": { body: connection("DISCONNECTED") }, "GET /dashboard/summary": { body: summary([event()]) } });
  const wrapper = mount();
  await waitForText(wrapper, "1 failed event needs attention");
  expect(wrapper).toContainText("licenses and settings are read-only until you reconnect");
  expect(findButton(wrapper, "Replay")).toHaveProps({ disabled: true });
});

test("the connection check failing is an error with a retry, not an empty drawer", async () => {
  fakeBackend({ "GET /dashboard/connection": refusal(500, "internal", "Backend starting") });
  const wrapper = mount();
  await waitForText(wrapper, "Could not load the connection to Tessera");
  expect(wrapper).toContainText("Backend starting");
});
