// Bundles every view the manifest lists, the way a Dashboard build would start from it: proves each view's
// file exists, has a default export, and that it and everything it imports resolve and compile offline.
// This is not the bundle `stripe apps upload` sends (the Stripe CLI builds that itself).
// Prints one JSON line per view and exits non-zero when any view fails: node scripts/bundle-check.mjs
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../stripe-app.json", import.meta.url), "utf8"));

async function bundle(component) {
  try {
    const result = await build({
      stdin: { contents: `export { default } from "./src/views/${component}";`, resolveDir: appDir, sourcefile: `${component}.entry.ts`, loader: "ts" },
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2020",
      jsx: "automatic",
      logLevel: "silent",
    });
    return { component, ok: true, bytes: result.outputFiles[0].contents.length };
  } catch (error) {
    return { component, ok: false, errors: (error.errors ?? [{ text: String(error) }]).map((e) => e.text) };
  }
}

const results = await Promise.all(manifest.ui_extension.views.map((view) => bundle(view.component)));
for (const result of results) console.log(JSON.stringify(result));
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
