// One jest run for the whole workspace; each package is a project so its tests use its own setup.
const swc = [
  "@swc/jest",
  {
    jsc: { parser: { syntax: "typescript", tsx: true }, target: "es2022", transform: { react: { runtime: "automatic" } } },
    module: { type: "commonjs" },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  // Most suites wait on PostgreSQL and child processes, not the CPU: three workers keep two cores busy.
  maxWorkers: 3,
  reporters: ["default", "<rootDir>/scripts/jest-summary-reporter.js"],
  projects: [
    {
      displayName: "shared",
      rootDir: "shared",
      testEnvironment: "node",
      testMatch: ["<rootDir>/src/**/*.test.ts"],
      transform: { "^.+\\.tsx?$": swc },
    },
    {
      displayName: "backend",
      rootDir: "backend",
      testEnvironment: "node",
      testMatch: ["<rootDir>/{src,test}/**/*.test.ts"],
      // The reliability suite has its own run (jest.reliability.config.js, `pnpm test:reliability`).
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/reliability/"],
      // PGlite's CommonJS build calls dynamic import(), which jest's CommonJS runtime refuses; swc turns
      // those into require() when its dist files are transformed too.
      transform: { "^.+\\.tsx?$": swc, "/@electric-sql/pglite/dist/.+\\.cjs$": swc },
      transformIgnorePatterns: ["/node_modules/(?!(\\.pnpm/@electric-sql\\+pglite@[^/]+/node_modules/)?@electric-sql/pglite/)"],
      globalSetup: "<rootDir>/test/harness/global-setup.ts",
    },
    stripeApp(),
  ],
};

/**
 * The Stripe App: ts-jest as the SDK's tools configure it. The SDK ships ES modules, so its files are
 * transformed too, also where pnpm keeps them (node_modules/.pnpm/@stripe+ui-extension-sdk@…/node_modules/…).
 * The end-to-end test drives the real backend, so the project shares the backend's database setup.
 */
function stripeApp() {
  return {
    displayName: "stripe-app",
    rootDir: "stripe-app",
    preset: "ts-jest/presets/js-with-ts",
    testEnvironment: "node",
    testMatch: ["<rootDir>/{src,test,scripts}/**/*.test.{ts,tsx}"],
    testPathIgnorePatterns: ["/node_modules/"],
    setupFilesAfterEnv: ["<rootDir>/test/setup-sdk.ts"],
    transformIgnorePatterns: ["/node_modules/(?!(\\.pnpm/@stripe\\+ui-extension-sdk@[^/]+/node_modules/)?@stripe/ui-extension-sdk/)"],
    globalSetup: "<rootDir>/../backend/test/harness/global-setup.ts",
  };
}
