/**
 * Entity resolution against the real Neo4j, with the real data: the demo story and a slice of the US
 * Congress data (legis-graph-114: every sitting legislator, Marco Rubio's sponsorships and committee seats)
 * imported as data sets under this file's id prefix, the way `npm run seed` and `npm run import:legis` do
 * (lib/datasets/import-run.ts, which ends by cross-referencing). Then the "done means": the two
 * Rubios are among the top candidates; judging them "same" leaves one Rubio with the story's sources and
 * the Congress data's bills, so a path joins Thermo Fisher to a bill Rubio sponsored; undoing the judgement
 * reverts the merge and proposes the pair again; "different" survives a re-import; the API's roles and 4xx.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { legisMapping } from "@/graph-seed/mappings";
import { GET as candidatesRoute } from "@/app/api/resolution/candidates/route";
import { DELETE as undoRoute } from "@/app/api/resolution/judgements/[id]/route";
import { GET as judgementsRoute, POST as judgeRoute } from "@/app/api/resolution/judgements/route";
import { POST as runsRoute } from "@/app/api/resolution/runs/route";
import { GET as similarRoute } from "@/app/api/resolution/similar/route";
import { GET as datasetRoute } from "@/app/api/datasets/[id]/route";
import { seedEntities, seedRelationships, SEED_ARTICLE_ID } from "@/graph-seed/seed-story";
import { getConfig } from "@/lib/config";
import { importDataset, type DatasetDescription } from "@/lib/datasets/import-run";
import { DATASET_LABEL } from "@/lib/datasets/schema";
import { closeDriver } from "@/lib/db/driver";
import { ensureDatabaseReady } from "@/lib/database";
import { findPaths } from "@/lib/explore/paths";
import { searchEntities } from "@/lib/explore/search";
import { csvSource } from "@/lib/import/csv";
import { datasetsDir } from "@/lib/import/datasets";
import { graphInputSource } from "@/lib/import/graph-input";
import { neo4jImportStore } from "@/lib/import/neo4j-store";
import { csvRecord } from "@/lib/format/csv";
import type { Candidate, CandidatePage, JudgementRecord, JudgementResult } from "@/lib/resolution/model";
import { MATCH_CANDIDATE_LABEL, MATCH_JUDGEMENT_LABEL } from "@/lib/resolution/schema";
import { createTestUsers, removeTestUsers, TEST_VIEWER, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN, TEST_BASE } from "../support/requests";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LEGIS_DIR = path.join(datasetsDir(ROOT), "legis-graph-114");
const prefix = uniquePrefix("resolution");
const STORY = `${prefix}demo-story`;
const LEGIS = `${prefix}legis-graph-114`;
const RUBIO_BIOGUIDE = "R000595";
const storyRubio = `${prefix}legislator-marco-rubio`;
const congressRubio = `${prefix}legislator-${RUBIO_BIOGUIDE.toLowerCase()}`;
let dir: string;
let users: TestUsers;

const get = (url: string, cookie: string) => new NextRequest(new URL(url, TEST_BASE), { headers: { cookie } });
const send = (method: string, url: string, cookie: string, body?: unknown) =>
  new NextRequest(new URL(url, TEST_BASE), {
    method,
    headers: { ...SAME_ORIGIN, cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const withId = (id: string) => ({ params: Promise.resolve({ id }) });
const pairOf = (candidate: Candidate) => [candidate.left.id, candidate.right.id].sort().join("|");
const rubios = [storyRubio, congressRubio].sort().join("|");

const describeImport = (id: string, name: string): DatasetDescription => ({ id, name, files: [], importedBy: { kind: "command line" } });

/** Rows of one of the data set's CSV files that pass the filter, written under the test's folder. */
function sliceCsv(file: string, keep: (row: Record<string, string>, index: number) => boolean): Record<string, string>[] {
  const text = readFileSync(path.join(LEGIS_DIR, file), "utf8");
  const header = text.slice(0, text.indexOf("\n")).replace(/\r$/, "").split(",");
  const rows = (parse(text, { columns: true }) as Record<string, string>[]).filter(keep);
  writeFileSync(path.join(dir, "legis", file), csvRecord(header) + rows.map((row) => csvRecord(header.map((column) => row[column] ?? ""))).join(""));
  return rows;
}

let rubioBills: string[] = [];

async function importLegis() {
  const mapping = legisMapping();
  return importDataset(
    csvSource({ mapping, directory: path.join(dir, "legis") }),
    { store: neo4jImportStore, sourceReport: { id: "import-legis", name: "legis slice" }, skipInvalid: true, idPrefix: prefix },
    describeImport(LEGIS, "US Congress slice"),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "redstring-resolution-it-"));
  mkdirSync(path.join(dir, "legis"));
  await ensureDatabaseReady();
  users = await createTestUsers("resolution");

  const story = await importDataset(
    graphInputSource("demo story", { entities: seedEntities, relationships: seedRelationships }),
    { store: neo4jImportStore, sourceReport: null, idPrefix: prefix },
    describeImport(STORY, "Demo story"),
  );
  expect(story.status).toBe("imported");

  // The slice: every sitting legislator, Rubio's sponsorships (and those bills), his committee seats.
  const sponsorships = sliceCsv("sponsors.csv", (row) => row.bioguideID === RUBIO_BIOGUIDE);
  rubioBills = [...new Set(sponsorships.map((row) => `bill-${row.billID!.toLowerCase()}`))];
  sliceCsv("bills.csv", (row) => rubioBills.includes(`bill-${row.billID!.toLowerCase()}`));
  sliceCsv("committee-members.csv", (row) => row.legislatorID === RUBIO_BIOGUIDE);
  sliceCsv("legislators-current.csv", () => true);
  for (const file of ["committees-current.csv", "subjects.csv"]) sliceCsv(file, () => true);
  for (const file of ["legislators-historical.csv", "votes.csv", "bill_committees.csv", "bill_subjects.csv", "bill_congresses.csv", "congresses.csv"]) {
    sliceCsv(file, () => false);
  }
}, 240_000);

afterAll(async () => {
  await deleteByPrefix(prefix);
  await cypher(`MATCH (c:${MATCH_CANDIDATE_LABEL}) WHERE c.leftId STARTS WITH $prefix OR c.rightId STARTS WITH $prefix DELETE c`, { prefix });
  await cypher(`MATCH (j:${MATCH_JUDGEMENT_LABEL}) WHERE j.leftId STARTS WITH $prefix DELETE j`, { prefix });
  await cypher(`MATCH (d:${DATASET_LABEL}) WHERE d.id STARTS WITH $prefix DELETE d`, { prefix });
  for (const id of [STORY, LEGIS]) rmSync(path.join(getConfig().storageDir, "datasets", id), { recursive: true, force: true });
  await removeTestUsers(users.prefix);
  rmSync(dir, { recursive: true, force: true });
  await closeDriver();
  await closeTestDriver();
});

async function candidates(query: string, cookie = users.viewer.cookie): Promise<CandidatePage> {
  const response = await candidatesRoute(get(`/api/resolution/candidates?${query}`, cookie));
  expect(response.status).toBe(200);
  return (await response.json()) as CandidatePage;
}

describe("the two Rubios", () => {
  let judgementId = "";

  it("are proposed near the top after the Congress import, with reasons, and the data set says how many", async () => {
    const result = await importLegis();
    expect(result.status).toBe("imported");
    expect(result.possibleMatches).toBeGreaterThan(0);

    const page = await candidates(`dataset=${LEGIS}&type=Legislator&limit=10`);
    const rank = page.candidates.findIndex((candidate) => pairOf(candidate) === rubios);
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(5);
    const pair = page.candidates[rank]!;
    expect(pair.reasons).toContain("same name");
    expect(pair.score).toBeGreaterThan(0.7);
    // Best first, and every candidate touches the data set.
    expect(page.candidates.map((c) => c.score)).toEqual([...page.candidates.map((c) => c.score)].sort((a, b) => b - a));
    expect(page.candidates.every((c) => c.left.datasets.includes(LEGIS) || c.right.datasets.includes(LEGIS))).toBe(true);

    // The data set's page counts the same pairs the queue lists for it (read together; another test file's
    // import running meanwhile may re-store pairs shared with it, so both are read right after each other).
    const dataset = await datasetRoute(get(`/api/datasets/${LEGIS}`, users.viewer.cookie), withId(LEGIS));
    const listed = await candidates(`dataset=${LEGIS}&limit=1`);
    expect((await dataset.json()).possibleMatches).toBe(listed.total);
    expect(listed.total).toBeGreaterThan(0);
  }, 240_000);

  it("judged the same by an editor, are one Rubio with the story's sources and the Congress bills: a path joins Thermo Fisher to his bills", async () => {
    const before = await findPaths(TEST_VIEWER, `${prefix}company-thermo-fisher`, `${prefix}${rubioBills[0]}`, { k: 1, maxLength: 6, avoid: [] });
    expect(before.paths).toHaveLength(0);

    const names = await cypher("UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.name AS name", { ids: [storyRubio, congressRubio] });
    const response = await judgeRoute(send("POST", "/api/resolution/judgements", users.editor.cookie, { left: storyRubio, right: congressRubio, judgement: "same" }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as JudgementResult;
    judgementId = body.judgement.id;
    // The judgement keeps both names, though the merge leaves only one of the entities.
    expect([body.judgement.leftName, body.judgement.rightName]).toEqual(names.map((row) => row.name));
    expect(body.judgement).toMatchObject({ judgement: "same", by: { id: users.editor.id } });
    // The imported Rubio survives: a re-import finds it by its id and does not bring the duplicate back.
    expect(body.merge?.id).toBe(congressRubio);

    const [survivor] = await cypher("MATCH (n:Entity {id: $id}) RETURN n.aliases AS aliases, COUNT { (n)--() } AS degree", { id: congressRubio });
    expect(survivor).toBeDefined();
    expect((await cypher("MATCH (n:Entity {id: $id}) RETURN n", { id: storyRubio })).length).toBe(0);
    const cited = await cypher("MATCH (:Entity {id: $id})-[r]-() WHERE $article IN r.sources RETURN count(r) AS n", { id: congressRubio, article: `${prefix}${SEED_ARTICLE_ID}` });
    expect(Number(cited[0]?.n)).toBeGreaterThan(0);
    const sponsored = await cypher("MATCH (:Entity {id: $id})-[:SPONSORED]->(b:Bill) RETURN count(b) AS n", { id: congressRubio });
    expect(Number(sponsored[0]?.n)).toBe(rubioBills.length);

    const after = await findPaths(TEST_VIEWER, `${prefix}company-thermo-fisher`, `${prefix}${rubioBills[0]}`, { k: 1, maxLength: 6, avoid: [] });
    expect(after.paths.length).toBe(1);
    expect(after.paths[0]!.nodes).toContain(congressRubio);

    // Judged pairs leave the queue; judged=include lists them with their judgement.
    expect((await candidates(`dataset=${LEGIS}&limit=200`)).candidates.some((c) => pairOf(c) === rubios)).toBe(false);
    const listed = await judgementsRoute(get("/api/resolution/judgements?limit=200", users.viewer.cookie));
    const mine = ((await listed.json()) as { judgements: JudgementRecord[] }).judgements.find((j) => j.id === judgementId);
    expect([mine?.leftName, mine?.rightName]).toEqual(names.map((row) => row.name));
  }, 120_000);

  it("undone, are two Rubios again and proposed again", async () => {
    const response = await undoRoute(send("DELETE", `/api/resolution/judgements/${judgementId}`, users.editor.cookie), withId(judgementId));
    expect(response.status).toBe(200);
    expect((await cypher("MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id", { ids: [storyRubio, congressRubio] })).length).toBe(2);
    const sponsored = await cypher("MATCH (:Entity {id: $id})-[:SPONSORED]->(b:Bill) RETURN count(b) AS n", { id: storyRubio });
    expect(Number(sponsored[0]?.n)).toBe(0);
    expect((await candidates(`dataset=${LEGIS}&type=Legislator&limit=200`)).candidates.some((c) => pairOf(c) === rubios)).toBe(true);
    const again = await undoRoute(send("DELETE", `/api/resolution/judgements/${judgementId}`, users.editor.cookie), withId(judgementId));
    expect(again.status).toBe(404);
  }, 120_000);

  it("judged different, stay apart after a re-import and a re-run", async () => {
    const response = await judgeRoute(send("POST", "/api/resolution/judgements", users.admin.cookie, { left: congressRubio, right: storyRubio, judgement: "different" }));
    expect(response.status).toBe(201);
    expect((await importLegis()).status).toBe("imported");
    const run = await runsRoute(send("POST", "/api/resolution/runs", users.editor.cookie, { dataset: LEGIS }));
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ dataset: LEGIS, candidates: expect.any(Number) });
    expect((await candidates(`dataset=${LEGIS}&limit=200`)).candidates.some((c) => pairOf(c) === rubios)).toBe(false);
    const included = await candidates(`dataset=${LEGIS}&limit=200&judged=include`);
    expect(included.candidates.find((c) => pairOf(c) === rubios)?.judgement?.judgement).toBe("different");
  }, 240_000);
});

describe("a Legislator and a Person", () => {
  it("judged the same, are one Legislator holding both one's relationships, and undone, two again", async () => {
    // A sitting legislator of the slice other than Rubio, and a hand-made Person of the same name who is a
    // member of the story's first organisation, cited by the story's article.
    const [legislator] = await cypher(
      `MATCH (l:Legislator) WHERE l.id STARTS WITH $prefix AND l.id <> $rubio AND $legis IN l.datasets
       RETURN l.id AS id, l.name AS name, COUNT { (l)--() } AS degree ORDER BY l.id LIMIT 1`,
      { prefix, rubio: congressRubio, legis: LEGIS },
    );
    expect(legislator).toBeDefined();
    const person = `${prefix}person-namesake`;
    const [membership] = await cypher(
      `MATCH (o:Entity:Organization) WHERE o.id STARTS WITH $prefix WITH o ORDER BY o.id LIMIT 1
       CREATE (p:Entity:Person {id: $person, name: $name, occupation: 'lawyer', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})
       CREATE (p)-[r:MEMBER_OF {id: $person + '-member', sources: [$article], createdAt: datetime(), updatedAt: datetime()}]->(o)
       RETURN o.id AS org`,
      { prefix, person, name: legislator!.name, article: `${prefix}${SEED_ARTICLE_ID}` },
    );
    expect(membership).toBeDefined();

    const response = await judgeRoute(send("POST", "/api/resolution/judgements", users.editor.cookie, { left: person, right: legislator!.id, judgement: "same" }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as JudgementResult;
    expect(body.merge?.id).toBe(legislator!.id);
    const [merged] = await cypher(
      "MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels, n.occupation AS occupation, n.aliases AS aliases, COUNT { (n)--() } AS degree, [(n)-[:MEMBER_OF]->(o) | o.id] AS memberOf",
      { id: legislator!.id },
    );
    expect(merged?.labels).toContain("Legislator");
    expect(merged?.labels).not.toContain("Person");
    expect(merged?.occupation).toBe("lawyer");
    expect(Number(merged?.degree)).toBe(Number(legislator!.degree) + 1);
    expect(merged?.memberOf).toContain(membership!.org);

    const undo = await undoRoute(send("DELETE", `/api/resolution/judgements/${body.judgement.id}`, users.editor.cookie), withId(body.judgement.id));
    expect(undo.status).toBe(200);
    const [restored] = await cypher("MATCH (p:Entity {id: $id}) RETURN labels(p) AS labels, COUNT { (p)-[:MEMBER_OF]->() } AS memberships", { id: person });
    expect(restored?.labels).toContain("Person");
    expect(Number(restored?.memberships)).toBe(1);
    const [back] = await cypher("MATCH (n:Entity {id: $id}) RETURN COUNT { (n)--() } AS degree", { id: legislator!.id });
    expect(Number(back?.degree)).toBe(Number(legislator!.degree));
  }, 120_000);
});

describe("search", () => {
  it("tells the two Rubios apart by their context and data sets", async () => {
    const hits = await searchEntities(TEST_VIEWER, "Marco Rubio", { limit: 50, type: "Legislator" });
    const story = hits.find((hit) => hit.id === storyRubio);
    const congress = hits.find((hit) => hit.id === congressRubio);
    expect(story?.datasets).toEqual([STORY]);
    expect(congress?.datasets).toEqual([LEGIS]);
    // The Congress record says party, state, chamber and that he sits, from its own fields.
    const [fields] = await cypher("MATCH (n:Entity {id: $id}) RETURN n.party AS party, n.state AS state, toString(n.birthDate) AS born", { id: congressRubio });
    expect(congress?.context).toEqual(expect.arrayContaining([String(fields?.party), String(fields?.state), "Senate", "sitting"]));
    // And when he was born, from the file's birthday column (the data has no terms of office).
    expect(congress?.context.at(-1)).toMatch(new RegExp(`^born .* ${String(fields?.born).slice(0, 4)}$`));
  });
});

describe("the API's roles and refusals", () => {
  const body = () => ({ left: storyRubio, right: congressRubio, judgement: "unsure" });

  it("lets viewers look but not judge, and signed-out visitors not judge", async () => {
    expect((await judgeRoute(send("POST", "/api/resolution/judgements", users.viewer.cookie, body()))).status).toBe(403);
    expect((await judgeRoute(send("POST", "/api/resolution/judgements", "", body()))).status).toBe(401);
    expect((await runsRoute(send("POST", "/api/resolution/runs", users.viewer.cookie, {}))).status).toBe(403);
    expect((await candidatesRoute(get("/api/resolution/candidates", users.viewer.cookie))).status).toBe(200);
  });

  it("answers bad input with a 4xx and a message", async () => {
    const cases: [Promise<Response>, number][] = [
      [candidatesRoute(get("/api/resolution/candidates?limit=500", users.viewer.cookie)), 400],
      [candidatesRoute(get("/api/resolution/candidates?type=Spaceship", users.viewer.cookie)), 400],
      [candidatesRoute(get("/api/resolution/candidates?dataset=Not%20A%20Slug", users.viewer.cookie)), 400],
      [candidatesRoute(get("/api/resolution/candidates?colour=red", users.viewer.cookie)), 400],
      [judgeRoute(send("POST", "/api/resolution/judgements", users.editor.cookie, { ...body(), judgement: "maybe" })), 400],
      [judgeRoute(send("POST", "/api/resolution/judgements", users.editor.cookie, { ...body(), right: storyRubio })), 400],
      [judgeRoute(send("POST", "/api/resolution/judgements", users.editor.cookie, { ...body(), right: `${prefix}nobody-at-all` })), 404],
      [undoRoute(send("DELETE", "/api/resolution/judgements/%2F..", users.editor.cookie), withId("/..")), 400],
      [runsRoute(send("POST", "/api/resolution/runs", users.editor.cookie, { dataset: `${prefix}no-such-set` })), 404],
      [similarRoute(get("/api/resolution/similar", users.viewer.cookie)), 400],
    ];
    for (const [answer, status] of cases) {
      const response = await answer;
      const text = await response.text();
      expect({ status: response.status, hasMessage: text.includes("error") }).toEqual({ status, hasMessage: true });
      expect(text).not.toMatch(/at \w+ \(|\/work\//);
    }
  });

  it("warns of similar existing entities by name", async () => {
    const response = await similarRoute(get(`/api/resolution/similar?name=${encodeURIComponent("Thermo Fisher Scientific Inc.")}&type=Company`, users.viewer.cookie));
    expect(response.status).toBe(200);
    const { similar } = (await response.json()) as { similar: { id: string; reasons: string[] }[] };
    const thermo = similar.find((entity) => entity.id === `${prefix}company-thermo-fisher`);
    expect(thermo).toBeDefined();
    expect(similar.length).toBeLessThanOrEqual(5);
  });
});
