/**
 * Bidirectional text, contained, as Chromium draws it. Names written straight into Neo4j hold U+202E
 * (right-to-left override), which reverses everything after it in its paragraph unless it is isolated,
 * and U+2069 (pop directional isolate), which tries to close the isolate around it early. The app's own
 * words beside them ("open link" after a source, "member of" in a path description) must still read left
 * to right: measured from the rendered glyphs (document.createRange() over each character, and the x of
 * its box), not from the DOM. First, the same measurement must catch the reversal on plain elements that
 * hold the hostile text unisolated, so the test can fail.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { closeTestDriver, graphNodeIds, runCypher as run } from "./support";

const PREFIX = "bidi-";
const RLO = "\u202E";
const PDI = "\u2069";

// Each name starts with a word of its own (the search finds it), then the hostile part. None ends the override.
const PERSON = { id: `${PREFIX}person`, name: `Qrvperson ${PDI}${RLO}Doe` };
const ORG = { id: `${PREFIX}org`, name: `Qrvorg ${RLO}ארגון` };
const REPORT = { id: `${PREFIX}report`, name: `Qrvreport ${PDI}${RLO}leak`, publisher: `${RLO}Qrvpublisher`, url: "https://example.test/bidi" };
const MEMBER = { id: `${PREFIX}rel-member`, quote: `${RLO}as quoted`, role: `${RLO}chair` };


test.beforeAll(async () => {
  await run("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix: PREFIX });
  await run(
    `CREATE (person:Entity:Person {id: $person.id, name: $person.name, aliases: [], aliasText: ''})
     CREATE (org:Entity:Organization {id: $org.id, name: $org.name, aliases: [], aliasText: ''})
     CREATE (report:Entity:Report {id: $report.id, name: $report.name, publisher: $report.publisher, url: $report.url})
     CREATE (person)-[:MEMBER_OF {id: $member.id, sources: [$report.id], quote: $member.quote, role: $member.role}]->(org)`,
    { person: PERSON, org: ORG, report: REPORT, member: MEMBER },
  );
});

test.afterAll(async () => {
  try {
    await run("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix: PREFIX });
  } finally {
    await closeTestDriver();
  }
});

/**
 * The left edge of each character of `word` as drawn, in the first text node under `scope` that holds
 * it (one word: it never wraps, so on one line its characters must move right when read left to right).
 */
async function characterLefts(scope: Locator, word: string): Promise<number[]> {
  const lefts = await scope.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? "").indexOf(wanted);
      if (at < 0) continue;
      return [...wanted].map((_, index) => {
        const range = document.createRange();
        range.setStart(node, at + index);
        range.setEnd(node, at + index + 1);
        const box = range.getClientRects()[0];
        return box ? box.left : Number.NaN;
      });
    }
    return null;
  }, word);
  expect(lefts, `"${word}" should be drawn inside the element`).not.toBeNull();
  return lefts!;
}

/** How `word` reads on screen: "ltr" (characters left to right), "rtl" (reversed) or "mixed". */
async function readingOrder(scope: Locator, word: string): Promise<"ltr" | "rtl" | "mixed"> {
  const lefts = await characterLefts(scope, word);
  const steps = lefts.slice(1).map((left, index) => left - lefts[index]!);
  if (steps.every((step) => step > 0)) return "ltr";
  if (steps.every((step) => step < 0)) return "rtl";
  return "mixed";
}

/** Each word of the app's text reads left to right inside `scope`. */
async function expectReadsLeftToRight(scope: Locator, words: string[], where: string) {
  for (const word of words) expect(await readingOrder(scope, word), `${where}: "${word}"`).toBe("ltr");
}

/** A throwaway element in the page holding `html`, as a careless component would render it. */
async function probe(page: Page, id: string, html: string): Promise<Locator> {
  await page.evaluate(
    ([probeId, markup]) => {
      const element = document.createElement("p");
      element.id = probeId!;
      element.style.cssText = "position:fixed;left:8px;bottom:8px;font:14px sans-serif;background:#fff;white-space:nowrap";
      element.innerHTML = markup!;
      document.body.append(element);
    },
    [id, html],
  );
  return page.locator(`#${id}`);
}

const escape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;");

test("the measurement catches the reversal: unisolated hostile text turns 'open link' and the path's words round", async ({ page }) => {
  await page.goto(`/?nodes=${PERSON.id}`);
  await expect.poll(() => graphNodeIds(page)).toContain(PERSON.id);

  // A source line built as one string: the publisher's override runs to the end of the paragraph.
  const source = await probe(page, "probe-source", `Source: ${escape(REPORT.name)} (${escape(REPORT.publisher)}) <a href="#">open link</a>`);
  expect(await readingOrder(source, "open")).toBe("rtl");
  expect(await readingOrder(source, "link")).toBe("rtl");
  // The control: plain text reads left to right with the same measurement.
  const plain = await probe(page, "probe-plain", `Source: Qrvreport (Qrvpublisher) <a href="#">open link</a>`);
  expect(await readingOrder(plain, "open")).toBe("ltr");

  // A path description built as one string.
  const path = await probe(page, "probe-path", `${escape(PERSON.name)} → member of → ${escape(ORG.name)}`);
  expect(await readingOrder(path, "member")).toBe("rtl");

  // A <bdi> alone is not enough: the name's stray PDI closes it, and the override escapes.
  const bare = await probe(page, "probe-bare-bdi", `<bdi>${escape(PERSON.name)}</bdi> → member of → Qrvorg`);
  expect(await readingOrder(bare, "member")).toBe("rtl");
});

test("next to hostile names, 'open link', the connection's words and the relationship panel read left to right", async ({ page }) => {
  await page.goto(`/?nodes=${PERSON.id},${ORG.id}&selected=${PERSON.id}`);
  const details = page.getByRole("complementary", { name: "Details" });
  await expect(details.locator("#entity-panel-title")).toContainText("Qrvperson");

  // The connection: "member of <org>", its role, its quote, and its source with publisher and link.
  const connection = details.getByRole("listitem").filter({ has: page.getByRole("link", { name: "open link" }) }).first();
  await expect(connection).toContainText("Qrvorg");
  await expect(connection).toContainText("Qrvpublisher");
  await expectReadsLeftToRight(connection, ["member", "Role:", "Source:"], "entity panel, connection");
  await expectReadsLeftToRight(connection.getByRole("link", { name: "open link" }), ["open", "link"], "entity panel, source link");

  // The canvas cannot isolate: its labels carry the letters without the controls.
  const label = await page.evaluate((id) => window.__redstringCy?.getElementById(id).data("label") as unknown, PERSON.id);
  expect(label).toBe("Qrvperson Doe");

  // The relationship panel: "<person> member of <org>", its fields and its source.
  await page.goto(`/?nodes=${PERSON.id},${ORG.id}&selected=${MEMBER.id}`);
  const title = details.locator("#relationship-panel-title");
  await expect(title).toContainText("Qrvorg");
  await expectReadsLeftToRight(title, ["member"], "relationship panel title");
  await expectReadsLeftToRight(details, ["Sources"], "relationship panel");
  await expectReadsLeftToRight(details.getByRole("link", { name: "open link" }), ["open", "link"], "relationship panel, source link");
});

test("a path description through hostile names reads left to right, names and words in order", async ({ page }) => {
  test.setTimeout(180_000); // room to ask the path search again (below)
  await page.goto("/");
  const finder = page.getByRole("region", { name: "Find paths" });
  await finder.getByRole("combobox", { name: "From" }).fill("qrvperson");
  await page.getByRole("option", { name: /Qrvperson/ }).click();
  await finder.getByRole("combobox", { name: "To" }).fill("qrvorg");
  await page.getByRole("option", { name: /Qrvorg/ }).click();
  // They are one step apart: a one-step search is cheap, however busy the machine.
  await finder.getByRole("combobox", { name: "Paths" }).selectOption("1");
  await finder.getByRole("combobox", { name: "At most" }).selectOption("1");
  const description = finder.getByRole("list", { name: "Paths found" }).getByRole("listitem").first().getByTestId("path-description");
  // The search has a 5 s bound; on a machine busy with other work it can say so. Then ask again (the
  // subject here is the drawing of the answer, not the speed of the search).
  await expect
    .poll(
      async () => {
        if ((await description.count()) > 0) return true;
        const button = finder.getByRole("button", { name: "Find paths" });
        if (await button.isEnabled()) await button.click();
        await expect(finder.getByRole("button", { name: "Find paths" })).toBeEnabled({ timeout: 30_000 });
        return (await description.count()) > 0;
      },
      { timeout: 120_000, intervals: [500], message: "the path search should answer" },
    )
    .toBe(true);
  await expect(description).toContainText("member of");
  await expectReadsLeftToRight(description, ["member"], "path description");
  await expectReadsLeftToRight(finder.getByRole("list", { name: "Paths found" }), ["step"], "path length");

  // In reading order on screen: the person, then the verb, then the organisation (when on one line).
  const boxes = await description.evaluate((root) => {
    // The first box of each name: a name may wrap, and its later lines start at the left edge.
    const [from, to] = [...root.querySelectorAll("bdi")].map((element) => element.getClientRects()[0]!);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? "").indexOf("member");
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + "member".length);
      const verb = range.getBoundingClientRect();
      return { from: from && { right: from.right, top: from.top }, verb: { left: verb.left, right: verb.right, top: verb.top }, to: to && { left: to.left, top: to.top } };
    }
    return null;
  });
  expect(boxes?.from && boxes.to, "both names are isolated in the description").toBeTruthy();
  if (boxes!.from!.top === boxes!.verb.top) expect(boxes!.from!.right).toBeLessThanOrEqual(boxes!.verb.left);
  if (boxes!.to!.top === boxes!.verb.top) expect(boxes!.to!.left).toBeGreaterThanOrEqual(boxes!.verb.right);
});
