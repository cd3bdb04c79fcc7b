import { chromium, type FullConfig } from "@playwright/test";
import { ADMIN_STATE, CHROMIUM_ARGS } from "../../playwright.config";

/** Signs in through /signin as the admin scripts/test.mjs configured, and saves the session for the specs. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL ?? "http://127.0.0.1:3100";
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const page = await browser.newPage({ baseURL });
  await page.goto("/signin");
  await page.getByLabel("Email").fill(process.env.REDSTRING_ADMIN_EMAIL ?? "e2e-admin@example.test");
  await page.getByLabel("Password").fill(process.env.REDSTRING_ADMIN_PASSWORD ?? "e2e admin password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.context().storageState({ path: ADMIN_STATE });
  await browser.close();
}
