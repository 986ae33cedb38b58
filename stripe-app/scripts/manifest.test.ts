import Ajv from "ajv";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { APP_DIR, KNOWN_VIEWPORTS, loadManifest, viewFile } from "./manifest";
import schema from "./manifest.schema.json";

const validate = new Ajv({ allErrors: true }).compile(schema);
const MANIFESTS = readdirSync(APP_DIR).filter((f) => /^stripe-app(\.[a-z]+)?\.json$/.test(f));

interface Manifest {
  icon: string;
  permissions: { permission: string; purpose: string }[];
  ui_extension: { views: { viewport: string; component: string }[]; content_security_policy: { "connect-src": string[] } };
  allowed_redirect_uris: string[];
  constants: { BACKEND_URL: string };
}

test("there is a base manifest and one for each deployed environment", () => {
  expect(MANIFESTS.sort()).toEqual(["stripe-app.json", "stripe-app.live.json", "stripe-app.test.json"]);
});

describe.each(MANIFESTS)("%s", (file) => {
  const manifest = loadManifest(file) as unknown as Manifest;

  test("matches the manifest schema", () => {
    validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
  });

  test("its icon is a PNG that exists", () => {
    const icon = readFileSync(path.join(APP_DIR, manifest.icon));
    expect(icon.subarray(1, 4).toString("ascii")).toBe("PNG");
  });

  test("every view names a known viewport, once, and a component file that exists", () => {
    const viewports = manifest.ui_extension.views.map((v) => v.viewport);
    expect(viewports.filter((v) => !KNOWN_VIEWPORTS.has(v))).toEqual([]);
    expect(new Set(viewports).size).toBe(viewports.length);
    expect(manifest.ui_extension.views.map((v) => v.component).filter((c) => !existsSync(viewFile(c)))).toEqual([]);
  });

  test("every permission has a purpose, and none is asked for twice", () => {
    expect(manifest.permissions.filter((p) => !p.purpose.trim())).toEqual([]);
    const names = manifest.permissions.map((p) => p.permission);
    expect(new Set(names).size).toBe(names.length);
  });

  test("the app may reach exactly its backend's dashboard API, and OAuth returns to its connect callback", () => {
    const backend = manifest.constants.BACKEND_URL;
    expect(manifest.ui_extension.content_security_policy["connect-src"]).toEqual([`${backend}/dashboard/`]);
    expect(manifest.allowed_redirect_uris).toEqual([`${backend}/connect/callback`]);
  });
});

test("the deployed environments reach their backend over https, and each its own", () => {
  const urls = ["stripe-app.test.json", "stripe-app.live.json"].map((f) => (loadManifest(f) as unknown as Manifest).constants.BACKEND_URL);
  expect(urls.every((u) => u.startsWith("https://"))).toBe(true);
  expect(new Set(urls).size).toBe(2);
});

test("the schema refuses what Stripe would refuse or Tessera cannot use", () => {
  const good = loadManifest("stripe-app.json") as unknown as Manifest;
  const broken = [
    { ...good, permissions: [{ permission: "subscription_read" }] },
    { ...good, ui_extension: { ...good.ui_extension, content_security_policy: { "connect-src": ["https://tessera.example.com"], purpose: "Reach the Tessera backend for licenses" } } },
    { ...good, icon: "icon.png" },
    { ...good, distribution_type: "everyone" },
  ];
  expect(broken.map((m) => validate(m))).toEqual([false, false, false, false]);
});
