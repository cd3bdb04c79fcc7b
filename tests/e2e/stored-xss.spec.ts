/**
 * Stored XSS, as a reader meets it in Chromium: entities, relationships and reports whose every text
 * field holds markup (`<img src=x onerror=...>`, `<script>`, `"><svg onload=...>`, `<details ontoggle>`)
 * and whose links are `javascript:` or `data:` URLs are written straight into Neo4j, then viewed through
 * the search box, the graph, the details panels, the list view, the context menu, the timeline, the path
 * finder, a report's claims, a saved-query result table, a permalink (details, compare with live), its
 * embed and the shared-links list. Every payload must show up as literal text, nothing may run (no
 * dialog, no `window.__xss`), no element of the payloads may be in the DOM, and no link may carry a
 * `javascript:` or `data:` address.
 *
 * Editing and the audit trail too: the signed-in admin records changes full of markup through the
 * editing API (which must refuse `javascript:`, `data:` and `vbscript:` links outright), then reads them
 * in an entity's History and on the recent-changes page (rows and before/after diffs), opens the entity
 * and relationship edit forms on hostile records (values stay values), the new-entity and
 * add-relationship forms, the delete confirmation, and the merge panel; a merge is confirmed and then
 * reverted from History.
 */
import { expect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { closeTestDriver, graphNodeIds, nodeOnScreen, runCypher as run, SAME_ORIGIN } from "./support";

const PREFIX = "xss-";

/** Markup that sets `window.__xss` to `where` (or opens a dialog) if it is ever parsed as HTML and run. */
const img = (where: string) => `<img src=x onerror="window.__xss='${where}'">`;
const script = (where: string) => `<script>window.__xss='${where}'</script>`;
const svg = (where: string) => `"><svg onload="window.__xss='${where}'">`;
const alertImg = (where: string) => `'"><img src=x onerror=alert('${where}')>`;
const toggle = (where: string) => `<details open ontoggle="window.__xss='${where}'">`;
const jsLink = (where: string) => `<a href="javascript:window.__xss='${where}'">click me</a>`;

const COMPANY = {
  id: `${PREFIX}company`,
  name: `Zqxcorp ${img("company.name")}`,
  aliases: [script("company.alias"), svg("company.alias2")],
  description: `${jsLink("company.description")} <iframe src="javascript:parent.__xss='company.description.iframe'"></iframe>`,
  industry: alertImg("company.industry"),
  website: "javascript:window.__xss='company.website'",
  notes: toggle("company.notes"),
  tags: [img("company.tags")],
};
const ORG = {
  id: `${PREFIX}org`,
  name: `Zqxorg ${svg("org.name")}`,
  // A tab inside the scheme: the URL parser drops it, so this is still a javascript: URL.
  website: "java\tscript:alert('org.website')",
  kind: img("org.kind"),
};
const PERSON = {
  id: `${PREFIX}person`,
  name: `Zqxperson ${script("person.name")}`,
  aliases: [alertImg("person.alias")],
  occupation: img("person.occupation"),
};
const EVENT = {
  id: `${PREFIX}event`,
  name: `Zqxevent ${img("event.name")}`,
  kind: svg("event.kind"),
};
const REPORT = {
  id: `${PREFIX}report`,
  name: `Zqxreport ${svg("report.name")}`,
  publisher: img("report.publisher"),
  url: "javascript:alert(document.domain)",
  kind: alertImg("report.kind"),
};
const DATA_REPORT = {
  id: `${PREFIX}report-data`,
  name: `Zqxdata ${jsLink("report-data.name")}`,
  publisher: script("report-data.publisher"),
  url: "data:text/html,<script>alert('report-data.url')</script>",
};
/** The control: an http(s) link must still be rendered as a link, so the href checks can tell. */
const SAFE_REPORT = {
  id: `${PREFIX}report-safe`,
  name: "Zqxsafe report",
  publisher: "Example Publisher",
  url: "https://example.test/report?q=%3Cscript%3E",
};
const SUPPLIED = {
  id: `${PREFIX}rel-supplied`,
  quote: `${script("supplied.quote")}${img("supplied.quote2")}`,
  product: alertImg("supplied.product"),
  note: "javascript:alert('supplied.note')",
};
const MEMBER = { id: `${PREFIX}rel-member`, quote: img("member.quote"), role: svg("member.role") };
const ACTED = { id: `${PREFIX}rel-acted`, quote: toggle("acted.quote"), role: img("acted.role") };
const DOCUMENTS = { id: `${PREFIX}rel-documents`, quote: alertImg("documents.quote") };
const PUBLISHED = { id: `${PREFIX}rel-published`, quote: img("published.quote") };

/**
 * For the editing views, seeded like the rest: a person the admin edits through the API, its duplicate
 * (merged into it, then the merge reverted) and a report the edits cite. Their names share no word with
 * the entities above, so the searches of the other tests find what they always found.
 */
const AMEND = {
  id: `${PREFIX}amend`,
  name: `Vwkamend ${img("amend.name")}`,
  aliases: [svg("amend.alias")],
  description: toggle("amend.description"),
  occupation: alertImg("amend.occupation"),
};
const TWIN = {
  id: `${PREFIX}twin`,
  name: `Vwktwin ${toggle("twin.name")}`,
  aliases: [jsLink("twin.alias")],
  occupation: script("twin.occupation"),
};
const CITE = {
  id: `${PREFIX}cite`,
  name: `Vwkcite ${alertImg("cite.name")}`,
  publisher: svg("cite.publisher"),
  url: "javascript:window.__xss='cite.url'",
};
const TWIN_ACTED = { id: `${PREFIX}rel-twin-acted`, quote: img("twin-acted.quote"), role: script("twin-acted.role") };

/** What the admin writes through the editing API: every text holds markup; the only links are http(s). */
const AMENDED = {
  name: `Vwkamend ${script("amended.name")}`,
  aliases: [img("amended.alias"), toggle("amended.alias2")],
  description: `${jsLink("amended.description")} ${svg("amended.description2")}`,
  occupation: img("amended.occupation"),
};
/** A new MEMBER_OF from the edited person to the organisation, citing two hostile reports. */
const LINK = { role: svg("link.role"), quote: alertImg("link.quote"), sources: [CITE.id, DATA_REPORT.id] };
/**
 * An event created with a link and a new report. Names starting "Xss " get ids starting "xss-" (ids are
 * slugs of the name), so the cleanup finds them even when a run dies before it learnt their ids.
 */
const CREATED_EVENT = {
  name: `Xss Vwkhappening ${img("created-event.name")}`,
  aliases: [script("created-event.alias")],
  description: toggle("created-event.description"),
  kind: alertImg("created-event.kind"),
  date: "2021-02-03",
  role: jsLink("created-event.role"),
  quote: svg("created-event.quote"),
};
const NEW_SOURCE = {
  name: `Xss Vwksource ${jsLink("new-source.name")}`,
  publisher: img("new-source.publisher"),
  url: "https://example.test/vwk?q=%3Cimg%3E",
  publishedAt: "2021-02-04",
};
/** Links the editing API must refuse, wherever a link is written: an entity's field or a new source. */
const HOSTILE_URLS = [
  "javascript:alert('edited')",
  "JavaScript:alert('edited')",
  "java\tscript:alert('edited')",
  " javascript:alert('edited')",
  "data:text/html,<script>alert('edited')</script>",
  "vbscript:msgbox('edited')",
];
const REFUSED_NAME = `Xss Vwkrefused ${img("refused.name")}`;

const ALL_IDS = [COMPANY, ORG, PERSON, EVENT, REPORT, DATA_REPORT, SAFE_REPORT].map((entity) => entity.id);
const SHARE_TITLE = `Zqxshare ${img("snapshot.title")}`;
const SHARE_NOTE = `${script("snapshot.note")} ${svg("snapshot.note2")}`;
const LIVE_DESCRIPTION = `Changed ${img("live.description")}`;

const snapshotIds: string[] = [];

async function removeTestData() {
  await run("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix: PREFIX });
  // The audit trail of this spec's edits: every change record naming one of its entities.
  await run("MATCH (c:ChangeRecord) WHERE any(id IN c.entityIds WHERE id STARTS WITH $prefix) DETACH DELETE c", { prefix: PREFIX });
  await run("MATCH (s:Snapshot) WHERE s.id IN $ids DETACH DELETE s", { ids: snapshotIds });
}

test.beforeAll(async () => {
  await removeTestData(); // a run that died half-way left its data behind
  const aliasText = (aliases: string[]) => aliases.join(" | ");
  await run(
    `CREATE (company:Entity:Company {id: $company.id, name: $company.name, aliases: $company.aliases, aliasText: $companyAliasText,
       description: $company.description, industry: $company.industry, website: $company.website, notes: $company.notes, tags: $company.tags})
     CREATE (org:Entity:Organization {id: $org.id, name: $org.name, aliases: [], aliasText: '', website: $org.website, kind: $org.kind})
     CREATE (person:Entity:Person {id: $person.id, name: $person.name, aliases: $person.aliases, aliasText: $personAliasText,
       occupation: $person.occupation})
     CREATE (event:Entity:Event {id: $event.id, name: $event.name, date: date('2019-05-01'), datePrecision: 'day', kind: $event.kind})
     CREATE (report:Entity:Report {id: $report.id, name: $report.name, publisher: $report.publisher, url: $report.url,
       publishedAt: date('2020-01-02'), kind: $report.kind})
     CREATE (dataReport:Entity:Report {id: $dataReport.id, name: $dataReport.name, publisher: $dataReport.publisher, url: $dataReport.url})
     CREATE (safeReport:Entity:Report {id: $safeReport.id, name: $safeReport.name, publisher: $safeReport.publisher, url: $safeReport.url,
       publishedAt: date('2020-03-04')})
     CREATE (company)-[:SUPPLIED {id: $supplied.id, sources: [$report.id, $dataReport.id, $safeReport.id], quote: $supplied.quote,
       product: $supplied.product, note: $supplied.note}]->(org)
     CREATE (person)-[:MEMBER_OF {id: $member.id, sources: [$report.id], quote: $member.quote, role: $member.role}]->(org)
     CREATE (company)-[:ACTED_IN {id: $acted.id, sources: [$report.id], quote: $acted.quote, role: $acted.role}]->(event)
     CREATE (report)-[:DOCUMENTS {id: $documents.id, sources: [$report.id], quote: $documents.quote}]->(event)
     CREATE (report)-[:PUBLISHED_BY {id: $published.id, sources: [$dataReport.id], quote: $published.quote}]->(org)
     CREATE (amend:Entity:Person {id: $amend.id, name: $amend.name, aliases: $amend.aliases, aliasText: $amendAliasText,
       description: $amend.description, occupation: $amend.occupation})
     CREATE (twin:Entity:Person {id: $twin.id, name: $twin.name, aliases: $twin.aliases, aliasText: $twinAliasText, occupation: $twin.occupation})
     CREATE (cite:Entity:Report {id: $cite.id, name: $cite.name, publisher: $cite.publisher, url: $cite.url})
     CREATE (twin)-[:ACTED_IN {id: $twinActed.id, sources: [$cite.id], quote: $twinActed.quote, role: $twinActed.role}]->(event)`,
    {
      company: COMPANY,
      companyAliasText: aliasText(COMPANY.aliases),
      org: ORG,
      person: PERSON,
      personAliasText: aliasText(PERSON.aliases),
      event: EVENT,
      report: REPORT,
      dataReport: DATA_REPORT,
      safeReport: SAFE_REPORT,
      supplied: SUPPLIED,
      member: MEMBER,
      acted: ACTED,
      documents: DOCUMENTS,
      published: PUBLISHED,
      amend: AMEND,
      amendAliasText: aliasText(AMEND.aliases),
      twin: TWIN,
      twinAliasText: aliasText(TWIN.aliases),
      cite: CITE,
      twinActed: TWIN_ACTED,
    },
  );
});

test.afterAll(async () => {
  try {
    await removeTestData();
  } finally {
    await closeTestDriver();
  }
});

/** Every dialog any page of a context opens (alert, confirm, prompt) is recorded and dismissed. */
function recordDialogs(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on("dialog", (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return seen;
}

/** What in the page shows that stored text ran or became markup; empty when the page is clean. */
async function signsOfExecution(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const flag = (window as unknown as { __xss?: unknown }).__xss;
    if (flag !== undefined) found.push(`window.__xss was set by ${String(flag)}`);
    const dangerous = new Set(["javascript:", "data:", "vbscript:"]);
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on")) found.push(`<${element.localName} ${name}="${attribute.value}">`);
        if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"].includes(name)) {
          if (name === "srcdoc") found.push(`<${element.localName} srcdoc>`);
          try {
            if (dangerous.has(new URL(attribute.value, location.href).protocol)) found.push(`<${element.localName} ${name}="${attribute.value}">`);
          } catch {
            // not a URL at all: harmless
          }
        }
      }
    }
    for (const image of document.querySelectorAll("img")) if (image.getAttribute("src") === "x") found.push("<img src=x>");
    for (const frame of document.querySelectorAll("iframe, object, embed")) found.push(`<${frame.localName}>`);
    for (const element of document.scripts) {
      if (/^\s*(window\.__xss|alert\()/.test(element.textContent ?? "")) found.push(`<script>${element.textContent}</script>`);
    }
    return found;
  });
}

/**
 * Resolves once every image in the page has loaded or failed, and the page has then run one more task:
 * an injected `onerror` fires only once its request fails, so this is the event to wait for (instead of
 * waiting a fixed while). The inline handler of an image runs before the listeners added here.
 */
async function imagesSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await Promise.all(
      [...document.images].map((image) =>
        image.complete
          ? undefined
          : new Promise<void>((resolve) => {
              image.addEventListener("load", () => resolve(), { once: true });
              image.addEventListener("error", () => resolve(), { once: true });
            }),
      ),
    );
    // An image already marked broken may still have its error event queued: let the event loop run it.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  });
}

/** Nothing ran and no payload became markup, once every image's request has settled. */
async function expectNothingRan(page: Page, dialogs: string[], where: string) {
  await imagesSettled(page);
  expect(dialogs, `${where}: no dialog may open`).toEqual([]);
  expect(await signsOfExecution(page), `${where}: no stored text may run or become markup`).toEqual([]);
}

/**
 * Each text is shown, literally, inside `scope` (proof that the stored data was rendered at all); then
 * nothing ran. A text that is missing most likely became markup: the failure then says what ran.
 */
async function expectShownAsText(page: Page, dialogs: string[], scope: Locator, texts: string[], where: string) {
  for (const text of texts) {
    try {
      await expect(scope).toContainText(text);
    } catch (error) {
      const signs = [...dialogs.map((dialog) => `dialog ${dialog}`), ...(await signsOfExecution(page))];
      const ran = signs.length > 0 ? `; it became markup: ${signs.join("; ")}` : "";
      throw new Error(`${where}: ${JSON.stringify(text)} is not shown as text${ran}\n${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await expectNothingRan(page, dialogs, where);
}

async function nodeLabel(page: Page, id: string): Promise<unknown> {
  return page.evaluate((nodeId) => window.__redstringCy?.getElementById(nodeId).data("label") as unknown, id);
}

let dialogs: string[] = [];
test.beforeEach(({ context }) => {
  dialogs = recordDialogs(context);
});

test("search, graph, details, relationship panel, list view, context menu and timeline show hostile text as text", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("combobox", { name: "Search entities" }).fill("zqxcorp");
  const hit = page.getByRole("option", { name: /Zqxcorp/ });
  await expectShownAsText(page, dialogs, hit, [COMPANY.name], "search results");

  // Pick it: the company and its neighbours are drawn, and the details panel reads the company.
  await hit.click();
  await expect.poll(() => graphNodeIds(page)).toEqual(expect.arrayContaining([COMPANY.id, ORG.id, EVENT.id]));
  expect(await nodeLabel(page, COMPANY.id)).toBe(COMPANY.name); // painted on the canvas, as text
  expect(await nodeLabel(page, ORG.id)).toBe(ORG.name);
  const details = page.getByRole("complementary", { name: "Details" });
  await expectShownAsText(page, dialogs, details.locator("#entity-panel-title"), [COMPANY.name], "entity panel title");
  await expectShownAsText(
    page,
    dialogs,
    details,
    [
      `Also known as ${COMPANY.aliases.join(", ")}`,
      COMPANY.description,
      COMPANY.industry,
      COMPANY.website,
      COMPANY.notes,
      COMPANY.tags[0]!,
      // Connections, with their roles, quotes and sources.
      ORG.name,
      EVENT.name,
      ACTED.role,
      ACTED.quote,
      SUPPLIED.quote,
      REPORT.name,
      REPORT.publisher,
      DATA_REPORT.name,
      DATA_REPORT.publisher,
    ],
    "graph and entity panel",
  );
  await expect(details.getByRole("link", { name: "open link" })).toHaveAttribute("href", SAFE_REPORT.url); // the control
  await expect(details.getByRole("link")).toHaveCount(1); // javascript: and data: sources get no link

  // The timeline names the event.
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("button", { name: `${EVENT.name}, 1 May 2019`, exact: true })).toHaveCount(1);

  // Click the organisation on the canvas: its panel, with the javascript: website as text.
  const org = await nodeOnScreen(page, ORG.id);
  await page.mouse.click(org.x, org.y);
  await expect(details.locator("#entity-panel-title")).toHaveText(ORG.name);
  await expectShownAsText(page, dialogs, details, [ORG.website, ORG.kind], "organisation panel");

  // Right-click the company: the context menu is named after it.
  const company = await nodeOnScreen(page, COMPANY.id);
  await page.mouse.click(company.x, company.y, { button: "right" });
  const menu = page.getByRole("menu", { name: `Actions for ${COMPANY.name}` });
  await expectShownAsText(page, dialogs, menu, [COMPANY.name], "context menu");
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);

  // The list view: entities, then relationships; a relationship row opens its panel.
  const entities = page.getByRole("table", { name: "Entities in view" });
  await expectShownAsText(page, dialogs, entities, [COMPANY.name, ORG.name, EVENT.name], "list view, entities");
  await page.getByRole("tab", { name: /Relationships/ }).click();
  const relationships = page.getByRole("table", { name: "Relationships in view" });
  await expectShownAsText(page, dialogs, relationships, [COMPANY.name, ORG.name, EVENT.name], "list view, relationships");
  await relationships.getByRole("row").filter({ hasText: ORG.name }).getByRole("button", { name: "supplied" }).click();
  await expectShownAsText(page, dialogs, details.locator("#relationship-panel-title"), [COMPANY.name, ORG.name], "relationship panel title");
  await expectShownAsText(
    page,
    dialogs,
    details,
    [SUPPLIED.product, SUPPLIED.note, SUPPLIED.quote, REPORT.name, DATA_REPORT.name, SAFE_REPORT.name],
    "relationship panel",
  );
  await expect(details.getByRole("link", { name: "open link" })).toHaveAttribute("href", SAFE_REPORT.url);
  await expect(details.getByRole("link")).toHaveCount(1);
});

test("a report's properties and claims show hostile text as text, and its javascript: link is not a link", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("combobox", { name: "Search entities" }).fill("zqxreport");
  await page.getByRole("option", { name: /Zqxreport/ }).click();
  const details = page.getByRole("complementary", { name: "Details" });
  await expectShownAsText(page, dialogs, details.locator("#entity-panel-title"), [REPORT.name], "report panel title");
  await expectShownAsText(page, dialogs, details, [REPORT.publisher, REPORT.url, REPORT.kind], "report panel");

  const claims = details.getByRole("region", { name: /Claims this report supports/ });
  await expect(claims).toContainText("Claims this report supports (4)");
  await expectShownAsText(
    page,
    dialogs,
    claims,
    [COMPANY.name, ORG.name, PERSON.name, EVENT.name, SUPPLIED.quote, MEMBER.quote, ACTED.quote, DOCUMENTS.quote, DATA_REPORT.publisher],
    "a report's claims",
  );
  await expect(claims.getByRole("link")).toHaveCount(1); // only the https source of one claim

  await claims.getByRole("button", { name: /Add .* to the graph/ }).click();
  await expect.poll(() => graphNodeIds(page)).toEqual(expect.arrayContaining([COMPANY.id, ORG.id, PERSON.id, EVENT.id]));
  expect(await nodeLabel(page, PERSON.id)).toBe(PERSON.name);
  await expectNothingRan(page, dialogs, "claims added to the graph");

  // The data: report, opened from a claim's sources: its address is text too.
  await claims.getByRole("listitem").filter({ hasText: SUPPLIED.quote }).getByRole("button", { name: /^Zqxdata/ }).click();
  await expectShownAsText(page, dialogs, details.locator("#entity-panel-title"), [DATA_REPORT.name], "data: report panel title");
  await expectShownAsText(page, dialogs, details, [DATA_REPORT.url, DATA_REPORT.publisher], "data: report panel");
});

test("the path finder writes hostile names out as text", async ({ page }) => {
  await page.goto("/");
  const finder = page.getByRole("region", { name: "Find paths" });
  await finder.getByRole("combobox", { name: "From" }).fill("zqxperson");
  await page.getByRole("option", { name: /Zqxperson/ }).click();
  await finder.getByRole("combobox", { name: "To" }).fill("zqxevent");
  await page.getByRole("option", { name: /Zqxevent/ }).click();
  await finder.getByRole("button", { name: "Find paths" }).click();
  const routes = finder.getByRole("list", { name: "Paths found" }).getByRole("listitem");
  await expectShownAsText(page, dialogs, routes.first(), [PERSON.name, ORG.name, EVENT.name], "path finder");
  await expect.poll(() => graphNodeIds(page)).toEqual(expect.arrayContaining([PERSON.id, EVENT.id]));
  expect(await nodeLabel(page, PERSON.id)).toBe(PERSON.name);
  await expectNothingRan(page, dialogs, "path finder graph");
});

test("a saved-query result table shows hostile values as text", async ({ page }) => {
  await page.goto("/queries/new");
  const editor = page.getByTestId("cypher-editor").locator(".cm-content");
  const cypher = "MATCH (n:Company)-[r]->(m:Entity) WHERE n.id STARTS WITH 'xss-' RETURN n.name AS name, n.description AS description, n.website AS website, r.quote AS quote, n, r, m";
  await editor.click();
  await page.keyboard.type(cypher, { delay: 2 });
  await page.keyboard.press("Escape"); // close any completion list
  await expect(editor).toHaveText(cypher);
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("run-summary")).toContainText("2 rows");
  await page.getByRole("tab", { name: "Table" }).click();
  const table = page.getByRole("tabpanel", { name: "Table" });
  await expectShownAsText(
    page,
    dialogs,
    table,
    [COMPANY.name, COMPANY.description, COMPANY.website, SUPPLIED.quote, ACTED.quote, ORG.name, EVENT.name],
    "query result table",
  );
  await page.getByRole("tab", { name: "Graph" }).click();
  await expect.poll(() => graphNodeIds(page)).toEqual([COMPANY.id, EVENT.id, ORG.id]);
  expect(await nodeLabel(page, COMPANY.id)).toBe(COMPANY.name);
  await expectNothingRan(page, dialogs, "query result graph");
});

test("a permalink, its details, compare with live, its embed and the shared-links list show hostile text as text", async ({ page, browser, request }) => {
  await page.goto(`/?nodes=${ALL_IDS.join(",")}`);
  await expect.poll(() => graphNodeIds(page)).toHaveLength(ALL_IDS.length);
  for (const id of ALL_IDS) await nodeOnScreen(page, id); // the layout has settled

  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this view" });
  await dialog.getByLabel("Title").fill(SHARE_TITLE);
  await dialog.getByLabel("Note (optional)").fill(SHARE_NOTE);
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Link", { exact: true }).inputValue();
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);
  const id = link.split("/s/")[1]!;
  snapshotIds.push(id);
  // The embed code is HTML someone pastes into an article: the title must be escaped in it.
  const snippet = await dialog.getByLabel("Embed code").inputValue();
  expect(snippet).toContain(`title="Zqxshare &lt;img src=x onerror=&quot;window.__xss=&apos;snapshot.title&apos;&quot;&gt;"`);
  expect(snippet).not.toContain("<img");
  await expectNothingRan(page, dialogs, "share dialog");

  // The permalink's HTML (link previews read its <head>) holds the title only escaped.
  const html = await (await request.get(link)).text();
  expect(html).toContain("Zqxshare");
  expect(html).not.toContain("<img src=x");
  expect(html).not.toContain("<script>window.__xss");

  const reader = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const readerDialogs = recordDialogs(reader);
  try {
    const readerPage = await reader.newPage();
    await readerPage.goto(link);
    const about = readerPage.getByRole("region", { name: "About this snapshot" });
    await expectShownAsText(readerPage, readerDialogs, about.getByRole("heading", { level: 1 }), [SHARE_TITLE], "permalink title");
    await expectShownAsText(readerPage, readerDialogs, about, [SHARE_NOTE], "permalink note");
    await expect.poll(() => graphNodeIds(readerPage)).toEqual([...ALL_IDS].sort());
    expect(await nodeLabel(readerPage, COMPANY.id)).toBe(COMPANY.name);
    await expectNothingRan(readerPage, readerDialogs, "permalink graph");

    // Details come from the snapshot: the company, its connections, then one relationship.
    const details = readerPage.getByRole("complementary", { name: "Details" });
    const company = await nodeOnScreen(readerPage, COMPANY.id);
    await readerPage.mouse.click(company.x, company.y);
    await expectShownAsText(readerPage, readerDialogs, details.locator("#snapshot-entity-title"), [COMPANY.name], "permalink, entity title");
    await expectShownAsText(
      readerPage,
      readerDialogs,
      details,
      [COMPANY.description, COMPANY.industry, COMPANY.website, COMPANY.notes, ORG.name, EVENT.name, SUPPLIED.quote, ACTED.quote, REPORT.publisher, DATA_REPORT.name],
      "permalink, entity details",
    );
    await expect(details.getByRole("link", { name: "open link" })).toHaveAttribute("href", SAFE_REPORT.url);
    await details.getByRole("button", { name: `supplied ${ORG.name}` }).click();
    await expectShownAsText(readerPage, readerDialogs, details.locator("#relationship-panel-title"), [COMPANY.name, ORG.name], "permalink, relationship title");
    await expectShownAsText(readerPage, readerDialogs, details, [SUPPLIED.product, SUPPLIED.note, SUPPLIED.quote], "permalink, relationship details");

    // The graph changes in Neo4j: "Compare with live" shows the hostile new value as text.
    await run("MATCH (n:Entity {id: $id}) SET n.description = $description", { id: COMPANY.id, description: LIVE_DESCRIPTION });
    try {
      await readerPage.getByRole("button", { name: "Compare with live" }).click();
      const changes = readerPage.getByRole("region", { name: "Changes since the snapshot" });
      await expectShownAsText(readerPage, readerDialogs, changes, [`Changed: ${COMPANY.name}`, LIVE_DESCRIPTION, COMPANY.description], "compare with live");
    } finally {
      await run("MATCH (n:Entity {id: $id}) SET n.description = $description", { id: COMPANY.id, description: COMPANY.description });
    }

    // The embed: title over the graph, details on click.
    await readerPage.goto(`/embed/${id}`);
    await expect.poll(() => graphNodeIds(readerPage)).toHaveLength(ALL_IDS.length);
    await expectShownAsText(readerPage, readerDialogs, readerPage.locator("p", { hasText: "Zqxshare" }), [SHARE_TITLE], "embed title");
    await expect(readerPage.getByRole("link", { name: "Open in Redstring" })).toHaveAttribute("href", `/s/${id}`);
    const embedded = await nodeOnScreen(readerPage, ORG.id);
    await readerPage.mouse.click(embedded.x, embedded.y);
    const embedDetails = readerPage.getByRole("complementary", { name: "Details" });
    await expectShownAsText(readerPage, readerDialogs, embedDetails.locator("#snapshot-entity-title"), [ORG.name], "embed, entity title");
    await expectShownAsText(readerPage, readerDialogs, embedDetails, [ORG.website, ORG.kind], "embed, entity details");
  } finally {
    await reader.close();
  }

  // The shared-links list names the snapshot by its title.
  await page.goto("/snapshots");
  const listed = page.getByRole("row").filter({ has: page.getByRole("link", { name: SHARE_TITLE }) });
  await expectShownAsText(page, dialogs, listed, [SHARE_TITLE], "shared-links list");
  await expect(listed.getByRole("link", { name: SHARE_TITLE })).toHaveAttribute("href", `/s/${id}`);
});

/** How many change records name one of this spec's entities. */
async function changeRecordCount(): Promise<number> {
  const { records } = await run("MATCH (c:ChangeRecord) WHERE any(id IN c.entityIds WHERE id STARTS WITH $prefix) RETURN count(c)", { prefix: PREFIX });
  return Number(records[0]?.get(0) ?? 0);
}

async function single(query: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const { records } = await run(query, params);
  return records[0]?.get(0);
}

/** A recorded change as a row of History or of the recent-changes page, and what its diff must show. */
interface ChangeRow {
  summary: string;
  details: string[];
}

/**
 * Each change's row shows its summary as text; "Show details" opens its diff, which shows the values as
 * text. The only links a diff may hold lead to the explorer (an entity by its id), never to stored URLs.
 */
async function expectChangeRowsShownAsText(page: Page, list: Locator, rows: ChangeRow[], where: string) {
  for (const { summary, details } of rows) {
    const row = list.getByRole("article").filter({ hasText: summary });
    await expectShownAsText(page, dialogs, row, [summary], `${where}: row ${JSON.stringify(summary.slice(0, 40))}`);
    await row.getByRole("button", { name: "Show details" }).click();
    const diff = row.getByRole("list", { name: "What changed" });
    await expectShownAsText(page, dialogs, diff, details, `${where}: details of ${JSON.stringify(summary.slice(0, 40))}`);
    for (const href of await diff.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")))) {
      expect(href, `${where}: a link in a diff goes to the explorer`).toMatch(/^\/\?nodes=xss-[a-z0-9-]+&selected=xss-[a-z0-9-]+$/);
    }
    await row.getByRole("button", { name: "Hide details" }).click();
  }
}

test.describe.serial("editing and the audit trail", () => {
  /** Learnt from the API's answers in the first test. */
  let linkId = "";
  let eventId = "";

  const editedSummary = `Edited “${AMENDED.name}”: name, aliases, description, occupation`;
  const linkedSummary = `Linked: ${AMENDED.name} member of ${ORG.name}`;
  const createdSummary = `Created event “${CREATED_EVENT.name}” with 1 link`;
  const mergedSummary = `Merged “${TWIN.name}” into “${AMENDED.name}” (1 relationship moved)`;
  const recorded = (): ChangeRow[] => [
    {
      summary: editedSummary,
      details: [
        AMEND.name,
        AMENDED.name,
        AMEND.aliases.join(", "),
        AMENDED.aliases.join(", "),
        AMEND.description,
        AMENDED.description,
        AMEND.occupation,
        AMENDED.occupation,
      ],
    },
    { summary: linkedSummary, details: [`${AMENDED.name} member of ${ORG.name}`, LINK.role, LINK.quote, LINK.sources.join(", ")] },
    {
      summary: createdSummary,
      details: [
        NEW_SOURCE.name,
        NEW_SOURCE.publisher,
        NEW_SOURCE.url, // as text: a diff makes no link of a stored address, even an https one
        CREATED_EVENT.name,
        CREATED_EVENT.aliases[0]!,
        CREATED_EVENT.description,
        CREATED_EVENT.kind,
        `${AMENDED.name} acted in ${CREATED_EVENT.name}`,
        CREATED_EVENT.role,
        CREATED_EVENT.quote,
      ],
    },
  ];

  test("edits through the API may hold markup, and javascript:, data: and vbscript: links are refused", async ({ page }) => {
    // Refused wherever a link is written, before anything is stored or recorded.
    const recordsBefore = await changeRecordCount();
    for (const url of HOSTILE_URLS) {
      const what = JSON.stringify(url);
      const website = await page.request.patch(`/api/entities/${ORG.id}`, { headers: SAME_ORIGIN, data: { entity: { name: ORG.name, website: url }, updatedAt: null } });
      expect(website.status(), `an organisation's website ${what}`).toBe(400);
      expect(await website.text()).toContain("http(s)");
      const report = await page.request.post("/api/entities", { headers: SAME_ORIGIN, data: { entity: { type: "Report", name: REFUSED_NAME, url } } });
      expect(report.status(), `a new report's link ${what}`).toBe(400);
      const cited = await page.request.post("/api/relationships", { headers: SAME_ORIGIN,
        data: { type: "MEMBER_OF", from: AMEND.id, to: ORG.id, newSource: { name: REFUSED_NAME, url } },
      });
      expect(cited.status(), `a new source's link ${what}, with a relationship`).toBe(400);
      const created = await page.request.post("/api/entities", { headers: SAME_ORIGIN,
        data: {
          entity: { type: "Event", name: REFUSED_NAME },
          links: [{ type: "ACTED_IN", other: AMEND.id, direction: "in" }],
          newSource: { name: REFUSED_NAME, url },
        },
      });
      expect(created.status(), `a new source's link ${what}, with an entity`).toBe(400);
    }

    // What is allowed: markup in every text field, recorded as it was written.
    const patched = await page.request.patch(`/api/entities/${AMEND.id}`, { headers: SAME_ORIGIN, data: { entity: { type: "Person", ...AMENDED }, updatedAt: null } });
    expect(patched.status(), await patched.text()).toBe(200);
    const linked = await page.request.post("/api/relationships", { headers: SAME_ORIGIN,
      data: { type: "MEMBER_OF", from: AMEND.id, to: ORG.id, properties: { role: LINK.role }, sources: LINK.sources, quote: LINK.quote },
    });
    expect(linked.status(), await linked.text()).toBe(201);
    linkId = ((await linked.json()) as { id: string }).id;
    const created = await page.request.post("/api/entities", { headers: SAME_ORIGIN,
      data: {
        entity: {
          type: "Event",
          name: CREATED_EVENT.name,
          aliases: CREATED_EVENT.aliases,
          description: CREATED_EVENT.description,
          kind: CREATED_EVENT.kind,
          date: CREATED_EVENT.date,
          datePrecision: "day",
        },
        links: [{ type: "ACTED_IN", other: AMEND.id, direction: "in", properties: { role: CREATED_EVENT.role } }],
        newSource: NEW_SOURCE,
        quote: CREATED_EVENT.quote,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    eventId = ((await created.json()) as { id: string }).id;
    expect(eventId.startsWith(PREFIX), `${eventId} is cleaned up with the rest`).toBe(true);

    // A relationship's new source is refused the same way when the relationship is edited.
    for (const url of HOSTILE_URLS) {
      const edited = await page.request.patch(`/api/relationships/${linkId}`, { headers: SAME_ORIGIN,
        data: { properties: { role: LINK.role }, sources: LINK.sources, newSource: { name: REFUSED_NAME, url }, updatedAt: null },
      });
      expect(edited.status(), `an edited relationship's new source ${JSON.stringify(url)}`).toBe(400);
    }

    // Three changes were recorded, none of the refused ones; the stored text is the text sent.
    expect(await changeRecordCount()).toBe(recordsBefore + 3);
    expect(Number(await single("MATCH (n:Entity) WHERE n.name = $name RETURN count(n)", { name: REFUSED_NAME }))).toBe(0);
    expect(await single("MATCH (n:Entity {id: $id}) RETURN n.website", { id: ORG.id })).toBe(ORG.website);
    expect(await single("MATCH (n:Entity {id: $id}) RETURN n {.name, .aliases, .description, .occupation}", { id: AMEND.id })).toEqual(AMENDED);
    const link = await single("MATCH (:Entity {id: $from})-[r {id: $id}]->(:Entity {id: $to}) RETURN r {.role, .quote, .sources}", {
      id: linkId,
      from: AMEND.id,
      to: ORG.id,
    });
    expect(link).toEqual(LINK);
    expect(await single("MATCH (r:Report {name: $name}) RETURN r {.name, .publisher, .url}", { name: NEW_SOURCE.name })).toEqual({
      name: NEW_SOURCE.name,
      publisher: NEW_SOURCE.publisher,
      url: NEW_SOURCE.url,
    });
  });

  test("an entity's History and the recent-changes page show recorded hostile text as text", async ({ page }) => {
    await page.goto(`/?nodes=${AMEND.id}&selected=${AMEND.id}`);
    const details = page.getByRole("complementary", { name: "Details" });
    await expectShownAsText(page, dialogs, details.locator("#entity-panel-title"), [AMENDED.name], "edited entity, title");
    await expectShownAsText(
      page,
      dialogs,
      details,
      [
        `Also known as ${AMENDED.aliases.join(", ")}`,
        AMENDED.description,
        AMENDED.occupation,
        LINK.role,
        LINK.quote,
        CITE.name,
        CREATED_EVENT.name,
        CREATED_EVENT.role,
        NEW_SOURCE.name,
      ],
      "edited entity, details",
    );
    await expect(details.getByRole("link", { name: "open link" })).toHaveAttribute("href", NEW_SOURCE.url); // the https source only
    await expect(details.getByRole("link")).toHaveCount(1);

    await details.getByRole("tab", { name: "History" }).click();
    const history = details.getByRole("region", { name: "History" });
    await expect(history.getByRole("article")).toHaveCount(3);
    await expectChangeRowsShownAsText(page, history, recorded(), "History");

    await page.goto("/changes");
    const changes = page.getByRole("region", { name: "Recent changes" });
    await expectChangeRowsShownAsText(page, changes, recorded(), "recent changes");
  });

  test("the edit forms hold hostile values as values, and a javascript: website is not saved", async ({ page }) => {
    // The company: every field of the form holds its stored value, markup and javascript: link included.
    await page.goto(`/?nodes=${COMPANY.id}&selected=${COMPANY.id}`);
    const details = page.getByRole("complementary", { name: "Details" });
    await expect(details.locator("#entity-panel-title")).toHaveText(COMPANY.name);
    await details.getByRole("button", { name: "Edit", exact: true }).click();
    const form = details.getByRole("form", { name: `Edit ${COMPANY.name}`, exact: true });
    await expect(form.getByLabel("Name")).toHaveValue(COMPANY.name);
    await expect(form.getByLabel("Also known as (one per line)")).toHaveValue(COMPANY.aliases.join("\n"));
    await expect(form.getByLabel("Description")).toHaveValue(COMPANY.description);
    await expect(form.getByLabel("Industry")).toHaveValue(COMPANY.industry);
    await expect(form.getByLabel("Website")).toHaveValue(COMPANY.website);
    await expectNothingRan(page, dialogs, "entity edit form");
    // Saving it as it is: the server refuses the javascript: website, and nothing changes or is recorded.
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "http(s)" }).first()).toBeVisible();
    await expectNothingRan(page, dialogs, "entity edit form, refused");
    expect(await single("MATCH (n:Entity {id: $id}) RETURN n.website", { id: COMPANY.id })).toBe(COMPANY.website);
    expect(Number(await single("MATCH (c:ChangeRecord) WHERE $id IN c.entityIds RETURN count(c)", { id: COMPANY.id }))).toBe(0);
    await form.getByRole("button", { name: "Cancel" }).click();

    // Relationships: the seeded one (three reports) and the one made through the API.
    const relationships = [
      {
        id: SUPPLIED.id,
        from: COMPANY,
        to: ORG,
        verb: "supplied",
        field: ["Product", SUPPLIED.product],
        quote: SUPPLIED.quote,
        sources: [REPORT, DATA_REPORT, SAFE_REPORT],
      },
      { id: linkId, from: { ...AMEND, ...AMENDED }, to: ORG, verb: "member of", field: ["Role", LINK.role], quote: LINK.quote, sources: [CITE, DATA_REPORT] },
    ];
    for (const rel of relationships) {
      const where = `relationship edit form (${rel.verb})`;
      await page.goto(`/?nodes=${rel.from.id},${rel.to.id}&selected=${rel.id}`);
      await expectShownAsText(page, dialogs, details.locator("#relationship-panel-title"), [rel.from.name, rel.to.name], `${where}: panel title`);
      // Its Delete… confirmation, cancelled.
      await details.getByRole("button", { name: "Delete…" }).click();
      const confirmation = details.getByRole("group", { name: "Confirm deletion" });
      await expect(confirmation).toContainText("Delete this relationship?");
      await expectNothingRan(page, dialogs, `${where}: delete confirmation`);
      await confirmation.getByRole("button", { name: "Cancel" }).click();

      await details.getByRole("button", { name: "Edit", exact: true }).click();
      const relForm = details.getByRole("form", { name: "Edit relationship" });
      await expectShownAsText(page, dialogs, relForm, [`${rel.from.name} ${rel.verb} ${rel.to.name}`], `${where}: ends`);
      await expect(relForm.getByLabel(rel.field[0]!, { exact: true })).toHaveValue(rel.field[1]!);
      await expect(relForm.getByLabel("Quote (optional)")).toHaveValue(rel.quote);
      const chosen = relForm.getByRole("list", { name: "Chosen sources" });
      await expect(chosen.getByRole("listitem")).toHaveCount(rel.sources.length);
      await expectShownAsText(page, dialogs, chosen, rel.sources.map((source) => source.name), `${where}: chosen sources`);
      for (const source of rel.sources) await expect(chosen.getByRole("button", { name: `Remove source ${source.name}`, exact: true })).toHaveCount(1);
      await expect(relForm.getByRole("link")).toHaveCount(0);
      await relForm.getByRole("button", { name: "Cancel" }).click();
    }

    // A new entity linked to a hostile one, citing a hostile report (not saved).
    await page.getByRole("button", { name: "New entity" }).click();
    const newForm = details.getByRole("form", { name: "New entity" });
    await newForm.getByRole("combobox", { name: "Link to…" }).fill("zqxcorp");
    await page.getByRole("option", { name: /Zqxcorp/ }).click();
    const link = newForm.getByRole("group", { name: `Link to ${COMPANY.name}`, exact: true });
    await expectShownAsText(page, dialogs, link, [COMPANY.name], "new entity form, link");
    await expect(link.getByLabel("Direction").locator("option")).toHaveText([`from the new entity to ${COMPANY.name}`, `from ${COMPANY.name} to the new entity`]);
    await newForm.getByRole("combobox", { name: "Find a report" }).fill("zqxreport");
    await page.getByRole("option", { name: /Zqxreport/ }).click();
    await expectShownAsText(page, dialogs, newForm.getByRole("list", { name: "Chosen sources" }), [REPORT.name], "new entity form, sources");
    await newForm.getByRole("button", { name: "Cancel" }).click();

    // A relationship from the edited person to a hostile event (not saved).
    await page.goto(`/?nodes=${AMEND.id}&selected=${AMEND.id}`);
    await details.getByRole("button", { name: "Add relationship" }).click();
    const addForm = details.getByRole("form", { name: "New relationship" });
    await expectShownAsText(page, dialogs, addForm.getByRole("heading"), [`Add a relationship to ${AMENDED.name}`], "add-relationship form, heading");
    await addForm.getByRole("combobox", { name: "Other entity" }).fill("zqxevent");
    await page.getByRole("option", { name: /Zqxevent/ }).click();
    await expectShownAsText(page, dialogs, addForm, [`Other end: ${EVENT.name}`], "add-relationship form, other end");
    await expect(addForm.getByLabel("Direction").locator("option")).toHaveText([`${AMENDED.name} → ${EVENT.name}`, `${EVENT.name} → ${AMENDED.name}`]);
    await addForm.getByRole("button", { name: "Cancel" }).click();
    await expectNothingRan(page, dialogs, "add-relationship form, cancelled");
  });

  test("the delete confirmation and the merge panel name hostile entities as text; a merge is reverted from History", async ({ page }) => {
    const details = page.getByRole("complementary", { name: "Details" });

    // Deleting a report: its own relationships, and the claims left without a source (cancelled).
    await page.goto(`/?nodes=${REPORT.id}&selected=${REPORT.id}`);
    await expect(details.locator("#entity-panel-title")).toHaveText(REPORT.name);
    await details.getByRole("button", { name: "Delete…" }).click();
    const deletion = details.getByRole("region", { name: `Delete “${REPORT.name}”?`, exact: true });
    await expectShownAsText(
      page,
      dialogs,
      deletion.getByRole("list", { name: "Relationships deleted with it" }),
      [`documents ${EVENT.name}`, `published by ${ORG.name}`],
      "delete a report, its relationships",
    );
    await expectShownAsText(
      page,
      dialogs,
      deletion.getByRole("list", { name: "Relationships left without a source" }),
      [`${PERSON.name} member of ${ORG.name}`, `${COMPANY.name} acted in ${EVENT.name}`],
      "delete a report, claims left without a source",
    );
    await deletion.getByRole("button", { name: "Cancel" }).click();

    // Deleting the edited person: the relationships made through the API (cancelled).
    await page.goto(`/?nodes=${AMEND.id}&selected=${AMEND.id}`);
    await details.getByRole("button", { name: "Delete…" }).click();
    const personDeletion = details.getByRole("region", { name: `Delete “${AMENDED.name}”?`, exact: true });
    await expectShownAsText(
      page,
      dialogs,
      personDeletion.getByRole("list", { name: "Relationships deleted with it" }),
      [`member of ${ORG.name}`, `acted in ${CREATED_EVENT.name}`],
      "delete a person",
    );
    await personDeletion.getByRole("button", { name: "Cancel" }).click();
    expect(Number(await single("MATCH (n:Entity) WHERE n.id IN $ids RETURN count(n)", { ids: [REPORT.id, AMEND.id] }))).toBe(2);

    // Merging its hostile duplicate: the panel names both; switching which one stays swaps them.
    await details.getByRole("button", { name: "Merge…" }).click();
    const merge = details.getByRole("region", { name: `Merge a duplicate of “${AMENDED.name}”`, exact: true });
    await merge.getByRole("combobox", { name: "Duplicate person" }).fill("vwktwin");
    await page.getByRole("option", { name: /Vwktwin/ }).click();
    const staying = merge.getByRole("group", { name: "Which one stays?" });
    await expectShownAsText(page, dialogs, staying, [AMENDED.name, TWIN.name], "merge panel, which one stays");
    const moving = (from: string, to: string) => `“${from}” will be deleted. Its relationships and the sources citing it move to “${to}”`;
    await expectShownAsText(page, dialogs, merge, [moving(TWIN.name, AMENDED.name)], "merge panel");
    await staying.getByRole("radio", { name: TWIN.name, exact: true }).check();
    await expectShownAsText(page, dialogs, merge, [moving(AMENDED.name, TWIN.name)], "merge panel, swapped");
    await staying.getByRole("radio", { name: AMENDED.name, exact: true }).check();
    await merge.getByRole("button", { name: "Merge", exact: true }).click();

    // Merged: the duplicate is gone, its names are aliases, its link moved; History has the merge.
    await expect.poll(() => graphNodeIds(page)).not.toContain(TWIN.id);
    const mergedAliases = [...AMENDED.aliases, TWIN.name, ...TWIN.aliases];
    await expectShownAsText(
      page,
      dialogs,
      details,
      [`Also known as ${mergedAliases.join(", ")}`, EVENT.name, TWIN_ACTED.role, TWIN_ACTED.quote, CITE.name],
      "merged entity",
    );
    await details.getByRole("tab", { name: "History" }).click();
    const history = details.getByRole("region", { name: "History" });
    await expectChangeRowsShownAsText(
      page,
      history,
      [
        {
          summary: mergedSummary,
          details: [AMENDED.name, mergedAliases.join(", "), `${TWIN.name} acted in ${EVENT.name}`, TWIN.name, TWIN.aliases[0]!, TWIN.occupation],
        },
      ],
      "History of a merge",
    );

    // Reverted from History: both are back as they were, and the revert is listed, as text.
    const mergeRow = history.getByRole("article").filter({ hasText: mergedSummary }).filter({ hasNotText: "Reverted: " });
    await mergeRow.getByRole("button", { name: "Revert" }).click();
    await mergeRow.getByRole("button", { name: "Confirm revert" }).click();
    const revertRow = history.getByRole("article").filter({ hasText: `Reverted: ${mergedSummary}` });
    await expectShownAsText(page, dialogs, revertRow, [`Reverted: ${mergedSummary}`], "History, the revert");
    await expect(mergeRow).toContainText("Reverted");
    expect(await single("MATCH (n:Entity {id: $id}) RETURN n {.name, .aliases, .occupation}", { id: TWIN.id })).toEqual({
      name: TWIN.name,
      aliases: TWIN.aliases,
      occupation: TWIN.occupation,
    });
    expect(await single("MATCH (n:Entity {id: $id}) RETURN n.aliases", { id: AMEND.id })).toEqual(AMENDED.aliases);
    const movedBack = await single("MATCH (:Entity {id: $twin})-[r:ACTED_IN {id: $id}]->(:Entity {id: $event}) RETURN r.role", {
      twin: TWIN.id,
      id: TWIN_ACTED.id,
      event: EVENT.id,
    });
    expect(movedBack).toBe(TWIN_ACTED.role);
    await expectChangeRowsShownAsText(
      page,
      history,
      [{ summary: `Reverted: ${mergedSummary}`, details: [AMENDED.name, TWIN.name, `${TWIN.name} acted in ${EVENT.name}`] }],
      "History of a revert",
    );
  });
});

test("the detectors catch stored text that does become markup", async ({ browser }) => {
  // Guards the guard: render the company's description as HTML, as a careless component would. The
  // page's Content-Security-Policy would refuse the injected handler (tests/e2e/csp.spec.ts shows that),
  // so this browser ignores CSP: the detector must be shown to see script that does run.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`/?nodes=${COMPANY.id}&selected=${COMPANY.id}`);
  const details = page.getByRole("complementary", { name: "Details" });
  await expect(details).toContainText(COMPANY.notes);
  await page.evaluate((text) => {
    const paragraph = [...document.querySelectorAll("p")].find((element) => element.textContent === text)!;
    paragraph.innerHTML = `${text} <img src=x onerror="window.__xss='injected'">`;
  }, COMPANY.description);
  // The injected handler runs when its image fails: poll for its mark rather than waiting a fixed while.
  await expect.poll(() => signsOfExecution(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^window\.__xss was set by /)]));
  await imagesSettled(page);
  const signs = await signsOfExecution(page);
  expect(signs).toEqual(expect.arrayContaining([expect.stringMatching(/^window\.__xss was set by /)]));
  expect(signs).toContain("<img src=x>");
  expect(signs).toEqual(expect.arrayContaining([expect.stringMatching(/^<a href="javascript:/), "<iframe>"]));
  await context.close();
});
