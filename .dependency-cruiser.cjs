// The backend's layering, checked by the test command (`pnpm check:layers`). Dependencies point inward:
// transport (http, cli) → services → storage and the Stripe adapter → the pure domain. Nothing points back.
const SRC = "^backend/src/";
const DOMAIN = `${SRC}(licensing|catalog/rules)/`;
const STORAGE = `${SRC}(db|generated)/`;
const ADAPTER = `${SRC}stripe/`;
const SERVICES = `${SRC}(ingest|catalog|license-management|api-keys|accounts|jobs|crypto|paging|connect|dashboard|license-api|outbound|mail|observability)/`;
const TRANSPORT = `${SRC}(http|cli)/`;
// Shared by every layer: the typed errors, the configuration's types, the logger, the check of text PostgreSQL
// cannot store, and the sealing of stored secrets (config reads its keys).
const KERNEL = `${SRC}(errors|config|logger|unstorable-text|crypto/secret-box)\\.ts$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment:
        "licensing/ and catalog/rules/ are the domain: rules and types only. They import no storage, transport, SDK or I/O module, " +
        "only other domain modules, the typed errors, @tessera/shared, zod and node:crypto (license keys).",
      severity: "error",
      from: { path: DOMAIN, pathNot: "\\.test\\.tsx?$" },
      to: { pathNot: [DOMAIN, `${SRC}errors\\.ts$`, "(^|/)shared/src/", "node_modules/zod/", "^crypto$", "^node:crypto$"] },
    },
    {
      name: "storage-points-inward",
      comment: "db/ (and Prisma's generated client) may use the domain's types, never the services, the Stripe adapter or transport.",
      severity: "error",
      from: { path: STORAGE },
      to: { path: [SERVICES, ADAPTER, TRANSPORT] },
    },
    {
      name: "adapter-points-inward",
      comment: "stripe/ is the one way to Stripe's API; it knows the domain's types, not the services that call it.",
      severity: "error",
      from: { path: ADAPTER },
      to: { path: [SERVICES, STORAGE, TRANSPORT] },
    },
    {
      name: "services-know-no-transport",
      comment: "Services are called by http/ and cli/; they never import them.",
      severity: "error",
      from: { path: [SERVICES, DOMAIN, STORAGE, ADAPTER] },
      to: { path: TRANSPORT },
    },
    {
      name: "transports-apart",
      comment: "The HTTP server and the CLI are two front doors to the same services, not to each other.",
      severity: "error",
      from: { path: `${SRC}http/` },
      to: { path: `${SRC}cli/` },
    },
    {
      name: "transports-apart-cli",
      severity: "error",
      from: { path: `${SRC}cli/` },
      to: { path: `${SRC}http/` },
    },
    {
      name: "one-license-writer",
      comment: "License, LicenseEvent and LicenseUser rows are written by db/licenses/license-store.ts only; its row builders are private to it. Reads (license-reads, license-listing) are open.",
      severity: "error",
      from: { pathNot: `${SRC}db/licenses/` },
      to: { path: `${SRC}db/licenses/`, pathNot: `${SRC}db/licenses/(license-store|license-reads|license-listing)\\.ts$` },
    },
    {
      name: "no-tests-in-src",
      comment: "Production code never imports test code or harnesses.",
      severity: "error",
      from: { path: SRC, pathNot: "\\.test\\.tsx?$" },
      to: { path: "^backend/(test|bench)/" },
    },
    {
      name: "no-circular",
      comment: "A cycle means two modules are one; merge them or move what they share.",
      severity: "error",
      from: { path: SRC },
      to: { circular: true },
    },
    {
      name: "kernel-stays-small",
      comment: "The kernel is imported everywhere, so it imports nothing of the project but itself.",
      severity: "error",
      from: { path: KERNEL },
      to: { path: SRC, pathNot: KERNEL },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^backend/src/generated/"] },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
