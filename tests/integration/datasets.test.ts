/**
 * Data sets as records, against the real Neo4j and the real shared data sets: the FtM donations whole and
 * a slice of the US Congress data (legis-graph-114), imported the way the command line and the Data page
 * import (lib/datasets/import-run.ts) under this file's id prefix. The counts the API answers are checked
 * against what this file counts in the raw files; an entity in two data sets lists both; a re-import
 * creates nothing and keeps the counts; edits and merges keep `datasets`; search restricts to data sets;
 * the refused rows are summarised and downloadable in full.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { legisMapping } from "@/graph-seed/mappings";
import { GET as datasetRoute } from "@/app/api/datasets/[id]/route";
import { GET as refusedRoute } from "@/app/api/datasets/[id]/refused/route";
import { GET as datasetsRoute } from "@/app/api/datasets/route";
import { GET as searchRoute } from "@/app/api/search/route";
import { SIGNED_OUT } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { importDataset, type DatasetDescription } from "@/lib/datasets/import-run";
import type { Dataset } from "@/lib/datasets/model";
import { getDataset } from "@/lib/datasets/store";
import { DATASET_LABEL } from "@/lib/datasets/schema";
import { closeDriver } from "@/lib/db/driver";
import { ensureDatabaseReady } from "@/lib/database";
import { updateEntity, updateRelationship } from "@/lib/editing/edits";
import { mergeEntities } from "@/lib/editing/merge";
import { csvSource } from "@/lib/import/csv";
import { datasetsDir } from "@/lib/import/datasets";
import { ftmSource } from "@/lib/import/ftm";
import { neo4jImportStore } from "@/lib/import/neo4j-store";
import { createTestUser, removeTestUsers, type TestUser } from "../support/auth";
import { closeTestDriver, cypher, deleteByPrefix, uniquePrefix } from "../support/neo4j";
import { sliceFile } from "../support/files";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DATASETS = datasetsDir(ROOT);
const prefix = uniquePrefix("datasets");
const FTM = `${prefix}ftm-donations`;
const LEGIS = `${prefix}legis-graph-114`;
const OVERLAP = `${prefix}overlap`;
let dir: string;
let editor: TestUser;

const request = (url: string, cookie = editor.cookie) => new NextRequest(new URL(url, "http://127.0.0.1"), { headers: { cookie } });
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

function describeImport(id: string, name: string, files: string[]): DatasetDescription {
  return { id, name, files: files.map((file) => ({ path: file, name: path.basename(file) })), importedBy: { kind: "command line" } };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "redstring-datasets-it-"));
  await ensureDatabaseReady();
  editor = await createTestUser(prefix, "editor");
});

afterAll(async () => {
  await deleteByPrefix(prefix);
  await cypher(`MATCH (d:${DATASET_LABEL}) WHERE d.id STARTS WITH $prefix DELETE d`, { prefix });
  for (const id of [FTM, LEGIS, OVERLAP]) rmSync(path.join(getConfig().storageDir, "datasets", id), { recursive: true, force: true });
  await removeTestUsers(prefix);
  rmSync(dir, { recursive: true, force: true });
  await closeDriver();
  await closeTestDriver();
});

/** What the database holds under this prefix, per type, counted independently of the data-set code. */
async function storedCounts(datasetId: string) {
  const entities = await cypher(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix AND $dataset IN n.datasets
     UNWIND [label IN labels(n) WHERE label <> 'Entity'] AS type RETURN type, count(*) AS count`,
    { prefix, dataset: datasetId },
  );
  const relationships = await cypher(
    "MATCH ()-[r]->() WHERE r.id STARTS WITH $prefix AND $dataset IN r.datasets RETURN type(r) AS type, count(*) AS count",
    { prefix, dataset: datasetId },
  );
  const asMap = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((row) => [String(row.type), Number(row.count)]));
  return { entities: asMap(entities), relationships: asMap(relationships) };
}

describe("the FtM donations as a data set", () => {
  const file = path.join(DATASETS, "ftm-donations/donations.ijson");
  const lines = readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as { id: string; schema: string; properties: Record<string, string[]> });
  const options = { store: neo4jImportStore, sourceReport: { id: "import-donations", name: "donations" }, idPrefix: prefix };

  it("counts every type as the raw file has it, and a re-import creates nothing and keeps the counts", async () => {
    const first = await importDataset(ftmSource(file), options, describeImport(FTM, "Donations to German parties", [file]));
    expect(first.status).toBe("imported");

    // From the raw file: one entity per non-Payment line by its FtM schema, one PAID per payment, one HAS_ADDRESS per address link.
    const typeOf: Record<string, string> = { Person: "Person", Company: "Company", Organization: "Organization", Address: "Address", LegalEntity: "Organization", PublicBody: "Agency" };
    const entities: Record<string, number> = { Report: 1 };
    for (const line of lines) if (line.schema !== "Payment") entities[typeOf[line.schema]!] = (entities[typeOf[line.schema]!] ?? 0) + 1;
    const relationships = {
      PAID: lines.filter((line) => line.schema === "Payment").length,
      HAS_ADDRESS: lines.reduce((sum, line) => sum + (line.schema === "Payment" ? 0 : (line.properties.addressEntity?.length ?? 0)), 0),
    };

    const answer = await datasetRoute(request(`/api/datasets/${FTM}`), withId(FTM));
    expect(answer.status).toBe(200);
    const dataset = (await answer.json()) as Dataset;
    expect(dataset.counts).toEqual({ entities, relationships });
    expect(dataset.files).toEqual([{ name: "donations.ijson", bytes: readFileSync(file).length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(dataset.importedBy).toEqual({ kind: "command line" });
    expect(dataset.refused).toEqual({ total: 0, byReason: [] });

    const again = await importDataset(ftmSource(file), options, describeImport(FTM, "Donations to German parties", [file]));
    expect(again.entities.created + again.relationships.created).toBe(0);
    const reread = await getDataset(editor.actor, FTM);
    expect(reread.counts).toEqual({ entities, relationships });
    expect(reread.imports).toBe(2);
    expect(reread.firstImportedAt).toBe(dataset.firstImportedAt);
    expect(await storedCounts(FTM)).toEqual({ entities, relationships });
  });

  it("lists both data sets on an entity two of them hold, and counts it in each", async () => {
    const company = lines.find((line) => line.schema === "Company")!;
    const overlapFile = path.join(dir, "overlap.ijson");
    writeFileSync(overlapFile, `${JSON.stringify(company)}\n`);
    const result = await importDataset(ftmSource(overlapFile), { ...options, sourceReport: { id: "import-overlap", name: "overlap" } }, describeImport(OVERLAP, "Overlap", [overlapFile]));
    expect(result.entities.created).toBe(1); // its own Report only: the company was there already
    const [stored] = await cypher("MATCH (n:Entity {id: $id}) RETURN n.datasets AS datasets", { id: `${prefix}ftm-${company.id}` });
    expect(stored?.datasets).toEqual([FTM, OVERLAP]);
    const addressLinks = company.properties.addressEntity?.length ?? 0;
    expect((await getDataset(editor.actor, OVERLAP)).counts).toEqual({ entities: { Company: 1, Report: 1 }, relationships: addressLinks > 0 ? { HAS_ADDRESS: addressLinks } : {} });
  });

  it("keeps datasets through an edit of an entity and of a relationship, and a merge joins both lists", async () => {
    const [person, other] = lines.filter((line) => line.schema === "Person").map((line) => `${prefix}ftm-${line.id}`);
    await updateEntity(editor.actor, person!, { entity: { name: "Renamed donor" } });
    const [edited] = await cypher("MATCH (n:Entity {id: $id}) RETURN n.datasets AS datasets, n.name AS name", { id: person });
    expect(edited).toEqual({ datasets: [FTM], name: "Renamed donor" });

    const [payment] = await cypher("MATCH ()-[r:PAID]->() WHERE r.id STARTS WITH $prefix RETURN r.id AS id, r.sources AS sources LIMIT 1", { prefix });
    await updateRelationship(editor.actor, String(payment?.id), { properties: { currency: "EUR", amount: 1 }, sources: payment?.sources as string[] });
    const [paid] = await cypher("MATCH ()-[r:PAID {id: $id}]->() RETURN r.datasets AS datasets, r.amount AS amount", { id: payment?.id });
    expect(paid).toEqual({ datasets: [FTM], amount: 1 });

    await cypher("MATCH (n:Entity {id: $id}) SET n.datasets = n.datasets + $extra", { id: other, extra: OVERLAP });
    await mergeEntities(editor.actor, person!, other!);
    const [merged] = await cypher("MATCH (n:Entity {id: $id}) RETURN n.datasets AS datasets", { id: person });
    expect(merged?.datasets).toEqual([FTM, OVERLAP]);
  });

  it("restricts search to the data sets asked for", async () => {
    const company = lines.find((line) => line.schema === "Company")!;
    const name = company.properties.name![0]!;
    const search = async (datasets: string) => {
      const answer = await searchRoute(request(`/api/search?q=${encodeURIComponent(name)}&limit=50&datasets=${datasets}`));
      expect(answer.status).toBe(200);
      return ((await answer.json()) as { results: { id: string }[] }).results.map((hit) => hit.id);
    };
    expect(await search(OVERLAP)).toEqual([`${prefix}ftm-${company.id}`]);
    expect(await search(FTM)).toContain(`${prefix}ftm-${company.id}`);
    expect(await search(`${prefix}no-such-set`)).toEqual([]);
    expect((await searchRoute(request("/api/search?q=x&datasets=Bad%20Id"))).status).toBe(400);
  });
});

describe("a slice of the US Congress data as a data set", () => {
  const mapping = legisMapping();
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/-{2,}/g, "-").replace(/^[-._]+|-+$/g, "");

  it("counts entities per type as the raw files have them, summarises the refused rows and serves them all as TSV", async () => {
    const target = path.join(dir, "legis");
    mkdirSync(target, { recursive: true });
    const files = [...new Set([...mapping.nodes, ...mapping.relationships].map((entry) => entry.file))];
    for (const file of files) await sliceFile(path.join(DATASETS, "legis-graph-114", file), path.join(target, file), 400);
    const rowsOf = (file: string) => parse(readFileSync(path.join(target, file)), { columns: true }) as Record<string, string>[];

    const source = csvSource({ mapping, directory: target });
    const refusedLines = new Set<string>();
    const result = await importDataset(
      source,
      {
        store: neo4jImportStore,
        sourceReport: { id: "import-legis", name: "legis slice" },
        skipInvalid: true,
        idPrefix: prefix,
        keepProblems: 10,
        onProblem: (problem) => refusedLines.add(`${problem.file}:${problem.line}`),
      },
      { ...describeImport(LEGIS, source.name, files.map((file) => path.join(target, file))), url: mapping.source?.url },
    );
    expect(result.status).toBe("imported");
    expect(result.problemCount).toBeGreaterThan(0); // a slice leaves references dangling

    // Per the committed mapping's node entries: distinct ids of each type in the sliced files, leaving out
    // the rows the import reported as refused (data row i is line i + 2, after the header).
    const ids = new Map<string, Set<string>>();
    for (const node of mapping.nodes) {
      const column = (node.id as { column?: string }).column;
      if (!column) continue;
      const kept = ids.get(node.type) ?? new Set<string>();
      rowsOf(node.file).forEach((row, index) => {
        if (row[column] && !refusedLines.has(`${node.file}:${index + 2}`)) kept.add(slug(row[column]!));
      });
      ids.set(node.type, kept);
    }
    const legislators = ids.get("Legislator")!;
    const bills = ids.get("Bill")!;
    const sponsorships = new Set(rowsOf("sponsors.csv").filter((row) => legislators.has(slug(row.bioguideID ?? "")) && bills.has(slug(row.billID ?? ""))).map((row) => `${row.billID}-${row.bioguideID}`));

    const dataset = await getDataset(editor.actor, LEGIS);
    for (const [type, kept] of ids) {
      expect({ type, count: dataset.counts.entities[type] ?? 0 }).toEqual({ type, count: kept.size });
    }
    expect(dataset.counts.relationships.SPONSORED ?? 0).toBe(sponsorships.size);
    expect(dataset.counts.entities.Legislator).toBeGreaterThan(0);
    expect(dataset.counts).toEqual(await storedCounts(LEGIS));
    expect(dataset.files.map((file) => file.name).sort()).toEqual([...files].sort());
    expect(dataset.url).toBe(mapping.source?.url ?? null);

    // The summary: every refused row counted once, under a reason without ids.
    expect(dataset.refused.total).toBe(result.problemCount);
    expect(dataset.refused.byReason.reduce((sum, entry) => sum + entry.rows, 0)).toBe(result.problemCount);
    expect(dataset.refused.byReason.map((entry) => entry.reason)).toContainEqual(expect.stringMatching(/unknown (start|end) entity … \(neither in the import nor in the database\)/));
    expect(dataset.refused.byReason.some((entry) => entry.reason.includes(prefix))).toBe(false);

    // The download holds all of them (the result kept 10), one line each after the header.
    const download = await refusedRoute(request(`/api/datasets/${LEGIS}/refused`), withId(LEGIS));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toContain("text/tab-separated-values");
    const tsv = (await download.text()).split("\n").filter(Boolean);
    expect(tsv[0]).toBe("file\tline\treason");
    expect(tsv).toHaveLength(result.problemCount + 1);
    expect(tsv.slice(1).every((line) => line.split("\t").length === 3 && files.includes(line.split("\t")[0]!))).toBe(true);
    expect(tsv.join("\n")).not.toContain(target); // file names as the mapping names them, never the server's folders

    const again = await importDataset(csvSource({ mapping, directory: target }), { store: neo4jImportStore, sourceReport: { id: "import-legis", name: "legis slice" }, skipInvalid: true, idPrefix: prefix }, describeImport(LEGIS, source.name, []));
    expect(again.entities.created + again.relationships.created).toBe(0);
    expect((await getDataset(editor.actor, LEGIS)).counts).toEqual(dataset.counts);
  }, 240_000);
});

describe("who may read data sets", () => {
  it("lists them as {datasets: [...]} for a reader, and asks a signed-out visitor of a private instance to sign in", async () => {
    const answer = await datasetsRoute(request("/api/datasets"));
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { datasets: Dataset[] };
    expect(Object.keys(body)).toEqual(["datasets"]);
    const ftm = body.datasets.find((dataset) => dataset.id === FTM);
    expect(ftm?.counts.entities).toBeDefined();
    expect(ftm?.counts.relationships).toBeDefined();
    // A filter's labels: the same data sets by id and name, without the counts.
    const names = (await (await datasetsRoute(request("/api/datasets?fields=names"))).json()) as { datasets: { id: string; name: string }[] };
    expect(names.datasets).toEqual(body.datasets.map(({ id, name }) => ({ id, name })));
    expect((await datasetsRoute(request("/api/datasets?fields=counts"))).status).toBe(400);

    for (const route of [datasetsRoute(request("/api/datasets", "")), datasetRoute(request(`/api/datasets/${FTM}`, ""), withId(FTM)), refusedRoute(request(`/api/datasets/${FTM}/refused`, ""), withId(FTM))]) {
      expect((await route).status).toBe(401);
    }
    await expect(getDataset(SIGNED_OUT, FTM)).rejects.toThrow(/Sign in/);
    expect((await datasetRoute(request(`/api/datasets/${prefix}missing`), withId(`${prefix}missing`))).status).toBe(404);
    expect((await datasetRoute(request("/api/datasets/..%2Fetc"), withId("../etc"))).status).toBe(400);
    expect((await datasetsRoute(request("/api/datasets?x=1"))).status).toBe(400);
  });
});
