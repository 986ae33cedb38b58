import { adminApi } from "../../src/http/routes/admin";
import { dashboardApi } from "../../src/http/routes/dashboard";
import { licenseApi } from "../../src/http/routes/license-api";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("admin_openapi");
});

afterAll(() => env?.close());

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

test("/openapi.json is served without a key and documents every admin, dashboard and License API route the server answers", async () => {
  const res = await fetch(`${env.backend.url}/openapi.json`);
  expect(res.status).toBe(200);
  type Operation = { responses: Record<string, unknown>; security?: unknown };
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: object } };
  expect(doc.openapi).toMatch(/^3\./);
  expect(doc.components.securitySchemes).toEqual({
    AdminApiKey: expect.objectContaining({ type: "http", scheme: "bearer" }),
    StripeAppSignature: expect.objectContaining({ type: "apiKey", in: "header", name: "Stripe-Signature" }),
  });

  const documented = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
  const outbound = { box: null, allowPrivateUrls: false };
  const dashboard = dashboardApi({ ...env.deps, maxBodyBytes: 1024, outbound, appSecrets: [], connectUrl: () => "", oauth: null, selfHostedLivemode: null });
  const license = licenseApi({ db: env.backend.db, maxBodyBytes: 1024, stamps: null!, keys: null, leaseMs: 1000, now: () => new Date(), limits: null!, trustProxy: false });
  const served = [...adminApi({ ...env.deps, maxBodyBytes: 1024, outbound }).routes, ...dashboard.routes, ...license.routes]
    .filter((r) => r.method !== "ALL" && /^\/(admin|dashboard|v1)\//.test(r.path))
    .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`);
  expect(documented.sort()).toEqual([...new Set(served)].sort());

  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      // The License API is keyed by the license key itself: it has no caller to refuse, but it slows callers down.
      const refusal = path.startsWith("/v1/") ? "429" : "401";
      expect([path, method, Object.keys(item[method]!.responses)]).toEqual([path, method, expect.arrayContaining([refusal])]);
      if (path.startsWith("/v1/")) expect([path, item[method]!.security]).toEqual([path, []]);
      if (path.startsWith("/dashboard/")) expect([path, item[method]!.security]).toEqual([path, [{ StripeAppSignature: [] }]]);
    }
  }
});
