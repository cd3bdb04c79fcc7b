/**
 * The Content-Security-Policy without inline scripts (proxy.ts, lib/csp.ts): every page's policy allows
 * scripts only with a nonce that is new on each request and is the one on the page's own script tags;
 * and the pages (explorer, a saved query, a permalink, its embed, sign-in) load and work in Chromium with
 * not one CSP violation reported.
 */
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { graphNodeIds, SAME_ORIGIN } from "./support";

const SIGNED_OUT = { cookies: [], origins: [] };

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(context: BrowserContext): Promise<() => Promise<string[]>> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  const consoleErrors: string[] = [];
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to (execute|load)/i.test(message.text())) consoleErrors.push(message.text());
  });
  return async () => {
    const fromPages = await Promise.all(
      context.pages().map((page) => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
    );
    return [...fromPages.flat(), ...consoleErrors];
  };
}

function scriptPolicy(csp: string | undefined): string {
  return (csp ?? "").split(";").map((part) => part.trim()).find((part) => part.startsWith("script-src")) ?? "";
}

let snapshotPath = "";

test.beforeAll(async ({ request }) => {
  const created = await request.post("/api/snapshots", {
    headers: SAME_ORIGIN,
    data: {
      title: "CSP check",
      nodes: [
        { id: "company-thermo-fisher", x: 0, y: 0 },
        { id: "legislator-marco-rubio", x: 200, y: 0 },
      ],
      viewport: { x1: -300, y1: -200, x2: 500, y2: 200 },
    },
  });
  expect(created.status()).toBe(201);
  snapshotPath = ((await created.json()) as { path: string }).path;
});

test("each page's policy has a fresh script nonce, matching its script tags, and no 'unsafe-inline' for scripts", async ({ request }) => {
  for (const path of ["/", "/queries", "/signin", snapshotPath, snapshotPath.replace("/s/", "/embed/")]) {
    const first = await request.get(path);
    const second = await request.get(path);
    const policies = [first.headers()["content-security-policy"], second.headers()["content-security-policy"]];
    const nonces = policies.map((policy) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptPolicy(policy))?.[1]);
    expect(nonces[0], path).toBeTruthy();
    expect(nonces[1], path).toBeTruthy();
    expect(nonces[0], `${path}: a new nonce per request`).not.toBe(nonces[1]);
    for (const policy of policies) {
      expect(scriptPolicy(policy), path).toContain("'strict-dynamic'");
      expect(scriptPolicy(policy), path).not.toContain("'unsafe-inline'");
      expect(scriptPolicy(policy), path).not.toContain("'unsafe-eval'");
    }
    // Every script tag of the page carries this response's nonce (Next.js read it from the request).
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonces[0]}"`);
  }
  // Only the embed may be framed by other sites; API answers get a fixed, stricter policy.
  expect((await request.get(snapshotPath.replace("/s/", "/embed/"))).headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect((await request.get("/")).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect((await request.get("/api/health")).headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});

async function expectNoViolations(violations: () => Promise<string[]>, what: string) {
  expect(await violations(), `${what}: CSP violations`).toEqual([]);
}

test("the explorer, a saved query, a permalink and its embed load and work with no CSP violation", async ({ browser }) => {
  const context = await browser.newContext();
  const violations = await watchViolations(context);
  const page: Page = await context.newPage();

  await page.goto("/?nodes=company-thermo-fisher");
  await expect.poll(() => graphNodeIds(page)).toEqual(["company-thermo-fisher"]);
  await page.getByRole("combobox", { name: "Search entities" }).fill("rubio");
  await expect(page.getByRole("option", { name: /Marco Rubio/ })).toBeVisible();
  await expectNoViolations(violations, "explorer");

  // A run link: the page loads the query, the editor (CodeMirror) and runs it.
  await page.goto("/queries/starter-within-hops?entity=company-thermo-fisher&hops=2");
  await expect(page.getByTestId("cypher-editor").locator(".cm-content")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /\d+ rows? · \d+ nodes/ })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("tab", { name: "Table" }).click();
  await expect(page.getByRole("tabpanel", { name: "Table" })).toContainText("Marco Rubio");
  await expectNoViolations(violations, "saved query");

  await page.goto(snapshotPath);
  await expect(page.getByRole("heading", { name: "CSP check" })).toBeVisible();
  await expect.poll(() => graphNodeIds(page)).toEqual(["company-thermo-fisher", "legislator-marco-rubio"]);
  await expectNoViolations(violations, "permalink");

  await page.goto(snapshotPath.replace("/s/", "/embed/"));
  await expect.poll(() => graphNodeIds(page)).toEqual(["company-thermo-fisher", "legislator-marco-rubio"]);
  await expectNoViolations(violations, "embed");
  await context.close();
});

test("sign-in works (its script ran) with no CSP violation", async ({ browser }) => {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const violations = await watchViolations(context);
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody-csp@example.test");
  await page.getByLabel("Password").fill("not anyone's password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Only the page's script shows the server's answer; without it the form would reload the page.
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expectNoViolations(violations, "sign-in");
  await context.close();
});

test("markup injected into a page cannot run an inline handler: the policy refuses it and says so", async ({ browser }) => {
  const context = await browser.newContext();
  const violations = await watchViolations(context);
  const page = await context.newPage();
  await page.goto("/?nodes=company-thermo-fisher&selected=company-thermo-fisher");
  await expect(page.getByRole("complementary", { name: "Details" }).getByRole("heading", { name: "Thermo Fisher Scientific Inc." })).toBeVisible();
  // What a rendering bug would let stored text become.
  await page.evaluate(() => {
    const holder = document.createElement("div");
    holder.innerHTML = `<img src="data:," onerror="window.__cspInjected = true">`;
    document.body.append(holder);
  });
  await expect.poll(violations).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-attr blocked inline/)]));
  expect(await page.evaluate(() => (window as unknown as { __cspInjected?: boolean }).__cspInjected)).toBeUndefined();
  await context.close();
});
