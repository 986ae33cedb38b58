// The reliability suite (`pnpm test:reliability`): backend/test/reliability/**, outside the default run.
// Its tests start several backend processes and PostgreSQL load each, so two files at most run at once.
const { projects, reporters } = require("./jest.config.js");

const backend = projects.find((p) => p.displayName === "backend");

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  testTimeout: 300_000,
  reporters,
  projects: [
    {
      ...backend,
      displayName: "reliability",
      testMatch: ["<rootDir>/test/reliability/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/"],
    },
  ],
};
