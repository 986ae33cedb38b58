import { execFileSync } from "node:child_process";
import path from "node:path";
import { loadManifest } from "./manifest";

// esbuild refuses to run inside jest's module sandbox, so the check runs as its own node process.
test("every view of the manifest bundles with esbuild", () => {
  const output = execFileSync(process.execPath, [path.join(__dirname, "bundle-check.mjs")], { encoding: "utf8" });
  const results = output.trim().split("\n").map((line) => JSON.parse(line) as { component: string; ok: boolean; bytes?: number });
  const views = (loadManifest("stripe-app.json") as { ui_extension: { views: { component: string }[] } }).ui_extension.views;
  expect(results.map((r) => r.component)).toEqual(views.map((v) => v.component));
  expect(results.filter((r) => !r.ok)).toEqual([]);
});
