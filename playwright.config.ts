import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against the built app served by scripts/server.mjs.
// scripts/test.mjs builds the app, starts Neo4j and passes NEO4J_URI and a free E2E_PORT.
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
export const ADMIN_STATE = "test-results/e2e-admin-state.json";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const PREPARE_DATABASE = process.env.REDSTRING_TEST_DB_PREPARED === "1" ? "" : "node scripts/migrate.mjs && node scripts/seed.mjs && ";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Two cores: one browser at a time keeps Next.js, Neo4j and Chromium from starving each other.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  outputDir: "test-results/e2e",
  // Signs in as the admin scripts/test.mjs creates; specs start signed in unless they opt out.
  globalSetup: "./tests/e2e/global-setup.ts",
  use: {
    baseURL,
    storageState: ADMIN_STATE,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // scripts/server.mjs, as `npm start` runs it, so the tests see the client address the app really gets.
    // The server only checks the schema: the deploy steps run first (`npm run migrate` creates the admin
    // that global-setup.ts signs in as), unless scripts/test.mjs already ran them for the whole suite.
    // Here and not in globalSetup, which Playwright runs only once this server answers its health check.
    command: `${PREPARE_DATABASE}node scripts/server.mjs --port ${port} --hostname 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
