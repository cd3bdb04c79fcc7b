/**
 * The shared dialog and menu (components/ui) in a real Chromium, where the native modal <dialog> and the
 * browser's own Tab order are in play (jsdom has neither): focus moves into the dialog, Tab and Shift+Tab
 * never leave it however often they are pressed, Escape closes it and focus is back on the button that
 * opened it; axe finds nothing serious while it is open. The export menu: arrows move, Escape closes,
 * focus returns to its button.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { graphNodeIds } from "./support";

const VIEW = ["company-thermo-fisher", "legislator-marco-rubio"];

async function openExplorer(page: Page) {
  await page.goto(`/?nodes=${VIEW.join(",")}`);
  await expect.poll(() => graphNodeIds(page)).toHaveLength(VIEW.length);
}

/** What has focus, described so a failure says where it went; "outside" when it is not in `dialog`. */
async function focusedIn(dialog: Locator): Promise<string> {
  return dialog.evaluate((element) => {
    const active = document.activeElement;
    if (!active || !element.contains(active)) return `outside: ${active?.tagName ?? "nothing"}`;
    return `${active.tagName.toLowerCase()}:${active.getAttribute("aria-label") ?? active.textContent?.trim() ?? ""}#${active.id}`;
  });
}

async function tabbableCount(dialog: Locator): Promise<number> {
  return dialog.evaluate(
    (element) =>
      [...element.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, [tabindex]")].filter(
        (candidate) => candidate.tabIndex >= 0 && !(candidate as HTMLButtonElement).disabled,
      ).length,
  );
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

test("the share dialog keeps Tab inside, closes on Escape and gives focus back to Share", async ({ page }) => {
  await openExplorer(page);
  const share = page.getByRole("button", { name: "Share" });
  await share.focus();
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("dialog", { name: "Share this view" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Title")).toBeFocused();
  // The native modal: the page behind it is inert.
  expect(await dialog.evaluate((element) => element.matches(":modal"))).toBe(true);

  const reachable = await tabbableCount(dialog);
  expect(reachable).toBeGreaterThan(2);
  // Twice round and more, forwards: every stop is inside, and the first field comes round again.
  const forwards: string[] = [];
  for (let press = 0; press < reachable * 2 + 1; press += 1) {
    await page.keyboard.press("Tab");
    forwards.push(await focusedIn(dialog));
  }
  expect(forwards.filter((stop) => stop.startsWith("outside"))).toEqual([]);
  expect(new Set(forwards).size).toBe(reachable);
  // And backwards.
  const backwards: string[] = [];
  for (let press = 0; press < reachable + 2; press += 1) {
    await page.keyboard.press("Shift+Tab");
    backwards.push(await focusedIn(dialog));
  }
  expect(backwards.filter((stop) => stop.startsWith("outside"))).toEqual([]);

  expect(await seriousViolations(page)).toEqual([]);

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(share).toBeFocused();
});

test("the keyboard-shortcuts dialog opened from its button: focus on Close, Tab stays, Escape returns focus", async ({ page }) => {
  await openExplorer(page);
  const help = page.getByRole("toolbar", { name: "View" }).getByRole("button", { name: "Keyboard shortcuts" });
  await help.click();
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  for (let press = 0; press < 3; press += 1) {
    await page.keyboard.press("Tab");
    expect(await focusedIn(dialog)).toMatch(/^button:Close/);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(help).toBeFocused();
});

test("the export menu: opens on ArrowDown, arrows move, Escape closes and gives focus back", async ({ page }) => {
  await openExplorer(page);
  const button = page.getByRole("button", { name: "Export" });
  await button.focus();
  await page.keyboard.press("ArrowDown");
  const menu = page.getByRole("menu", { name: "Export as" });
  await expect(menu.getByRole("menuitem", { name: "PNG image" })).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "SVG image" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(menu.getByRole("menuitem", { name: "CSV of relationships" })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");
});
