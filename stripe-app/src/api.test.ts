import { getMockContextProps } from "@stripe/ui-extension-sdk/testing";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import { createDashboardClient } from "./api";
import { DashboardError } from "./api-error";
import { connection, licenseDetail, licensePage, license } from "../test/fixtures";
import { fakeBackend, refusal } from "../test/fake-backend";
import { BACKEND, contextFor } from "../test/render-view";

const IDENTITY = { user_id: "usr_1234", account_id: "acct_1234", mode: "test" };

async function failure(promise: Promise<unknown>): Promise<DashboardError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DashboardError)) throw new Error(`Expected a DashboardError, got ${String(error)}`);
  return error;
}

test("a GET carries the signed identity and the mode in its query string, and the signature in its header", async () => {
  const backend = fakeBackend({ "GET /dashboard/licenses": { body: licensePage([license()]) } });
  const page = await createDashboardClient(contextFor()).licenses({ subscription: "sub_123" });

  expect(page.data.map((l) => l.key)).toEqual(["7K2QF-9XH3M-P4RTV-C8WNJ"]);
  const [sent] = backend.requests;
  expect(sent).toMatchObject({ method: "GET", query: { subscription: "sub_123", ...IDENTITY }, body: undefined });
  expect(sent!.headers["Stripe-Signature"]).toBe("t=1,v1=abc");
});

test("a POST carries the identity in its JSON body, next to the action's own fields", async () => {
  const backend = fakeBackend({ "POST /dashboard/licenses/:id/disable": { body: licenseDetail({ status: "DISABLED" }) } });
  await createDashboardClient(contextFor()).disableLicense("lic_1", "key leaked");

  const [sent] = backend.sent("POST /dashboard/licenses/:id/disable");
  expect(sent!.body).toEqual({ reason: "key leaked", ...IDENTITY });
  expect(sent!.headers).toMatchObject({ "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=abc" });
  expect(sent!.query).toEqual({});
});

test("every call asks the Dashboard for a fresh signature", async () => {
  fakeBackend({ "GET /dashboard/connection": { body: connection("CONNECTED") } });
  const signature = jest.mocked(fetchStripeSignature);
  signature.mockClear();
  const client = createDashboardClient(contextFor());
  await client.connection();
  await client.connection();
  expect(signature).toHaveBeenCalledTimes(2);
  expect(signature).toHaveBeenCalledWith();
});

test("the backend URL comes from the manifest's constants; a trailing slash is dropped", async () => {
  fakeBackend({ "GET /dashboard/connection": { body: connection("CONNECTED") } });
  const context = getMockContextProps({ environment: { constants: { BACKEND_URL: `${BACKEND}/` } } });
  await createDashboardClient(context).connection();
  expect(jest.mocked(global.fetch).mock.calls.at(-1)![0]).toMatch(/^https:\/\/tessera\.test\/dashboard\/connection\?/);
});

test("a manifest without BACKEND_URL fails every call as misconfigured, before any request", async () => {
  const backend = fakeBackend();
  const error = await failure(createDashboardClient(getMockContextProps({ environment: {} })).summary());
  expect(error.kind).toBe("misconfigured");
  expect(backend.requests).toHaveLength(0);
});

test.each([
  [refusal(401, "invalid_signature", "Bad signature"), "unauthorized"],
  [refusal(404, "not_found", "No such license"), "not_found"],
  [refusal(409, "not_connected", "Connect first"), "not_connected"],
  [refusal(409, "account_disconnected", "Reconnect to change licenses"), "account_disconnected"],
  [refusal(409, "conflict", "Already exists"), "conflict"],
  [refusal(500, "internal", "Boom"), "server"],
] as const)("an error body becomes a typed error (%j → %s)", async (answer, kind) => {
  fakeBackend({ "POST /dashboard/licenses/:id/enable": answer });
  const error = await failure(createDashboardClient(contextFor()).enableLicense("lic_1"));
  expect(error).toMatchObject({ kind, status: answer.status, message: (answer.body as { error: { message: string } }).error.message });
});

test("a 400 keeps each field's problem", async () => {
  fakeBackend({
    "POST /dashboard/products": {
      status: 400,
      body: { error: { code: "invalid_request", message: "Invalid body", details: [{ path: "shortCode", message: "Required" }] } },
    },
  });
  const error = await failure(createDashboardClient(contextFor()).createProduct({ shortCode: "", name: "X" }));
  expect(error).toMatchObject({ kind: "invalid", details: [{ path: "shortCode", message: "Required" }] });
});

test("a request that never gets an answer is a network error", async () => {
  global.fetch = jest.fn().mockRejectedValue(new TypeError("Failed to fetch"));
  const error = await failure(createDashboardClient(contextFor()).summary());
  expect(error).toMatchObject({ kind: "network", message: "Failed to fetch" });
});

test("an answer that does not match the contract is refused, not shown half-read", async () => {
  fakeBackend({ "GET /dashboard/summary": { body: { licenses: { active: "many" } } } });
  const error = await failure(createDashboardClient(contextFor()).summary());
  expect(error.kind).toBe("unexpected_response");
});

test("a refusal without the error body still has a status and a kind", async () => {
  fakeBackend({ "GET /dashboard/summary": { status: 502, body: "Bad gateway" } });
  const error = await failure(createDashboardClient(contextFor()).summary());
  expect(error).toMatchObject({ kind: "server", status: 502, code: null });
});
