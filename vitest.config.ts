import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// "server-only" throws when imported outside React Server Components; in tests the data layer runs in
// plain Node, so it resolves to an empty module here (the app build keeps the real guard).
const alias = {
  "@": root,
  "server-only": fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  oxc: { jsx: { runtime: "automatic" } },
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: { name: "unit", environment: "node", include: ["tests/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "component",
          environment: "jsdom",
          include: ["tests/component/**/*.test.tsx"],
          setupFiles: ["tests/support/component-setup.ts"],
          // A guard against a hang, not a speed check: jsdom and the first import of a page's modules take
          // seconds on this 2-core machine when other suites share it (5 s, the default, timed out there).
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          // `npm run migrate` and `npm run seed`, explicitly, once (tests/support/neo4j.ts prepareTestDatabase).
          globalSetup: ["tests/support/integration-setup.ts"],
          // One database: files run one after another so their cleanups never race.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
