import { adminApi } from "../../src/http/routes/admin";
import { startWebhookEnv, type WebhookEnv } from "../harness/webhook-env";

jest.setTimeout(60_000);

let env: WebhookEnv;

beforeAll(async () => {
  env = await startWebhookEnv("admin_openapi");
});

afterAll(() => env?.close());

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

test("/openapi.json is served without a key and documents every admin route the server answers", async () => {
  const res = await fetch(`${env.backend.url}/openapi.json`);
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { securitySchemes: object } };
  expect(doc.openapi).toMatch(/^3\./);
  expect(doc.components.securitySchemes).toEqual({ AdminApiKey: expect.objectContaining({ type: "http", scheme: "bearer" }) });

  const documented = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
  const served = adminApi({ ...env.deps, maxBodyBytes: 1024 })
    .routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/admin/"))
    .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`);
  expect(documented.sort()).toEqual([...new Set(served)].sort());

  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      expect([path, method, Object.keys(item[method]!.responses)]).toEqual([path, method, expect.arrayContaining(["401"])]);
    }
  }
});
