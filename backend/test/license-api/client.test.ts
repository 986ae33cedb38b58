import { TesseraClient, TesseraUnavailableError, TesseraVerificationError, verifyOfflineFile } from "@tessera/shared/client";
import { StripeWorld } from "../fake-stripe/world";
import { deliverAll } from "../harness/backend";
import { seedCatalog } from "../harness/catalog-seed";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;
let key: string;

beforeAll(async () => {
  env = await startWebhookEnv("license_api_client");
  await seedCatalog(env.backend.db, env.backend.accountId, { products: [{ shortCode: "APP", features: [{ code: "pro", name: "Pro" }], policies: [{ code: "std", isDefault: true, maxActivations: 2, features: ["pro"] }] }] });
  const world = new StripeWorld(env.fake.store, { name: "licclient" });
  const purchase = world.checkout({ customer: world.customer(), lines: [{ price: world.price({ product: world.product(), metadata: { short_code: "APP" } }) }] });
  await deliverAll(env.backend, purchase.events);
  key = (await env.backend.db.license.findFirstOrThrow()).key;
});

afterAll(() => env?.close());

const clientWith = (fetch: typeof globalThis.fetch = globalThis.fetch, extra: Partial<ConstructorParameters<typeof TesseraClient>[0]> = {}) =>
  new TesseraClient({ baseUrl: env.backend.url, accountId: env.backend.accountId, fetch, ...extra });

/** A fetch that hands each real answer to `change` before the client sees it. */
const intercepting = (change: (text: string, res: Response) => { text: string; headers: Headers }): typeof fetch => async (input, init) => {
  const res = await fetch(input, init);
  if (!String(input).includes("/licenses/")) return res;
  const changed = change(await res.text(), res);
  return new Response(changed.text, { status: res.status, headers: changed.headers });
};

test("activate and validate through the client: signatures verified with the account's published keys", async () => {
  const client = clientWith();
  const activated = await client.activate({ key, fingerprint: "client-machine", name: "CI runner" });
  expect(activated).toMatchObject({ valid: true, code: "VALID", fromCache: false, machine: { name: "CI runner" } });
  const validated = await client.validate({ key, fingerprint: "client-machine", features: ["pro"] });
  expect(validated).toMatchObject({ valid: true, entitlements: { features: ["pro"] } });
  expect((await client.validate({ key: "NOSUC-HKEYX-XXXXX-XXXXX" })).code).toBe("NOT_FOUND");
});

test("a tampered answer is rejected", async () => {
  const client = clientWith(intercepting((text, res) => ({ text: text.replace('"maxActivations":2', '"maxActivations":200'), headers: res.headers })));
  await expect(client.validate({ key, fingerprint: "client-machine" })).rejects.toThrow(new TesseraVerificationError("The answer's signature does not verify"));
});

test("a replayed old answer (validly signed, for an earlier request) is rejected", async () => {
  let recorded: { text: string; headers: Headers } | null = null;
  const recorder = clientWith(intercepting((text, res) => (recorded = { text, headers: res.headers })));
  await recorder.validate({ key, fingerprint: "client-machine" });
  const replaying = clientWith(intercepting(() => recorded!));
  await expect(replaying.validate({ key, fingerprint: "client-machine" })).rejects.toThrow(/nonce mismatch/);
});

test("an answer for another machine, or unsigned, is rejected", async () => {
  const otherMachine = clientWith(intercepting((text, res) => ({ text: text.replaceAll('"fingerprint":"client-machine"', '"fingerprint":"elsewhere"'), headers: res.headers })));
  await expect(otherMachine.validate({ key, fingerprint: "client-machine" })).rejects.toThrow(/another machine/);
  const unsigned = clientWith(intercepting((text) => ({ text, headers: new Headers({ "content-type": "application/json" }) })));
  await expect(unsigned.validate({ key, fingerprint: "client-machine" })).rejects.toThrow(/not signed/);
});

test("while Tessera cannot be reached, the last good validation is used for the grace period, then no longer", async () => {
  let down = false;
  let now = new Date();
  const flaky: typeof fetch = async (input, init) => {
    if (down) throw new TypeError("fetch failed");
    return fetch(input, init);
  };
  const client = clientWith(flaky, { gracePeriodMs: 3_600_000, now: () => now });
  await client.validate({ key, fingerprint: "client-machine" });
  down = true;
  expect(await client.validate({ key, fingerprint: "client-machine" })).toMatchObject({ valid: true, fromCache: true });
  now = new Date(now.getTime() + 3_700_000);
  await expect(client.validate({ key, fingerprint: "client-machine" })).rejects.toThrow(TesseraUnavailableError);
});

test("a 429 is waited out for its Retry-After, then the request goes through", async () => {
  let refused = 0;
  const limited: typeof fetch = async (input, init) => {
    if (String(input).includes("/licenses/") && refused++ === 0) return new Response(JSON.stringify({ error: { code: "rate_limited", message: "slow down" } }), { status: 429, headers: { "retry-after": "1" } });
    return fetch(input, init);
  };
  const started = Date.now();
  expect(await clientWith(limited).validate({ key })).toMatchObject({ valid: true });
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
});

test("an offline license file is verified without Tessera; a changed one, or one for another machine, is not", async () => {
  const client = clientWith();
  const offline = await client.checkout({ key, fingerprint: "client-machine" });
  expect(offline.file).toContain("BEGIN TESSERA LICENSE FILE");
  const publicKeys = await client.publicKeys();
  const payload = await verifyOfflineFile(offline.file!, { accountId: env.backend.accountId, fingerprint: "client-machine", publicKeys });
  expect(payload.answer).toMatchObject({ valid: true, fingerprint: "client-machine", entitlements: { features: ["pro"] } });
  await expect(verifyOfflineFile(offline.file!, { accountId: env.backend.accountId, fingerprint: "another", publicKeys })).rejects.toThrow(/another machine/);
  const lines = offline.file!.split("\n");
  const body = Buffer.from(lines.slice(1, -1).join(""), "base64").toString().replace('\\"valid\\":true', '\\"valid\\":false');
  const forged = [lines[0], Buffer.from(body).toString("base64"), lines.at(-1)].join("\n");
  await expect(verifyOfflineFile(forged, { accountId: env.backend.accountId, fingerprint: "client-machine", publicKeys })).rejects.toThrow(/does not verify/);
  const later = new Date(Date.now() + 31 * 86_400_000);
  await expect(verifyOfflineFile(offline.file!, { accountId: env.backend.accountId, fingerprint: "client-machine", publicKeys, now: later })).rejects.toThrow(/expired/);
});
