/**
 * Imports from the browser, through the route handlers: a file streamed into an upload folder, an import
 * job that runs to the end, and the mistakes a person (or an attacker) can make with names and mappings.
 */
import { NextRequest } from "next/server";
import { GET as jobRoute } from "@/app/api/imports/[id]/route";
import { POST as resumeRoute } from "@/app/api/imports/[id]/resume/route";
import { POST as startRoute } from "@/app/api/imports/route";
import { PUT as fileRoute } from "@/app/api/imports/uploads/[uploadId]/route";
import { POST as uploadRoute } from "@/app/api/imports/uploads/route";
import { closeDriver } from "@/lib/db/driver";
import type { ImportJob } from "@/lib/import/jobs";
import { STALE_AFTER_MS } from "@/lib/import/job-store";
import { createTestUser, removeTestUsers, type TestUser } from "../support/auth";
import { closeTestDriver, cypher, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";
import { pollUntil } from "../support/poll";

const prefix = uniquePrefix("upload");
const base = "http://127.0.0.1";
/** Imports are for editors: every request here is an editor's. */
let editor: TestUser;
// Origin on every call, writes and job polls alike: simpler than telling them apart, and harmless on a read.
const headers = () => ({ cookie: editor.cookie, ...SAME_ORIGIN });

beforeAll(async () => {
  editor = await createTestUser(prefix, "editor");
});

afterAll(async () => {
  await cypher("MATCH (n) WHERE (n:Upload OR n:ImportJob) AND n.owner = $owner DETACH DELETE n", { owner: editor.id });
  await removeTestUsers(prefix);
  await cypher("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix OR n.id = $report DETACH DELETE n", {
    prefix,
    report: `import-${prefix}data`.replace(/-+$/, ""),
  });
  await closeDriver();
  await closeTestDriver();
});

async function json<T>(response: Promise<Response>): Promise<{ status: number; body: T & { error?: string } }> {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T & { error?: string } };
}

async function newUpload(): Promise<string> {
  const { body } = await json<{ uploadId: string }>(uploadRoute(new NextRequest(`${base}/api/imports/uploads`, { method: "POST", headers: headers() })));
  return body.uploadId;
}

function put(uploadId: string, name: string, content: string) {
  return json<{ bytes: number }>(
    fileRoute(new NextRequest(`${base}/api/imports/uploads/${uploadId}?name=${encodeURIComponent(name)}`, { method: "PUT", body: content, headers: headers() }), {
      params: Promise.resolve({ uploadId }),
    }),
  );
}

function start(body: Record<string, unknown>) {
  return json<ImportJob>(startRoute(new NextRequest(`${base}/api/imports`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers() } })));
}

function finished(id: string): Promise<ImportJob> {
  return pollUntil(
    async () => (await json<ImportJob>(jobRoute(new NextRequest(`${base}/api/imports/${id}`, { headers: headers() }), { params: Promise.resolve({ id }) }))).body,
    (job) => job.status !== "running",
    { what: `import ${id} to end` },
  );
}

const mapping = (file: string) =>
  JSON.stringify({
    nodes: [{ file, type: "Company", id: { column: "id", prefix }, name: { column: "name" } }],
    relationships: [],
  });

it("imports an uploaded CSV with its mapping, and a second run creates nothing", async () => {
  const uploadId = await newUpload();
  expect((await put(uploadId, "companies.csv", "id,name\na,Alpha Ltd\nb,Beta GmbH\n")).body.bytes).toBeGreaterThan(10);
  await put(uploadId, "mapping.json", mapping("companies.csv"));
  const started = await start({ uploadId, format: "csv", file: "mapping.json", sourceName: `${prefix}data` });
  expect(started.status).toBe(202);
  const job = await finished(started.body.id);
  expect(job).toMatchObject({ status: "imported", problems: [] });
  // The two companies, and the Report that every imported relationship will cite for this data set.
  expect(job.result?.entities).toEqual({ valid: 2, created: 3 });
  const [row] = await cypher("MATCH (n:Entity:Company) WHERE n.id STARTS WITH $prefix RETURN count(n) AS count", { prefix });
  expect(Number(row?.count)).toBe(2);

  const again = await newUpload();
  await put(again, "companies.csv", "id,name\na,Alpha Ltd\nb,Beta GmbH\n");
  await put(again, "mapping.json", mapping("companies.csv"));
  const second = await finished((await start({ uploadId: again, format: "csv", file: "mapping.json", sourceName: `${prefix}data` })).body.id);
  expect(second.result?.entities).toEqual({ valid: 2, created: 0 });
});

it("names the data set of a CSV upload after its data, not after the mapping file, and records who imported it", async () => {
  const uploadId = await newUpload();
  const dataFile = `${prefix}companies.csv`;
  await put(uploadId, dataFile, "id,name\ndsname,Delta AG\n");
  await put(uploadId, "mapping.json", mapping(dataFile));
  const job = await finished((await start({ uploadId, format: "csv", file: "mapping.json" })).body.id);
  expect(job.status).toBe("imported");
  expect(job.sourceName).toBe(dataFile);
  const [dataset] = await cypher("MATCH (d:Dataset {id: $id}) RETURN d.name AS name, d.importedById AS by, d.fileNames AS files", { id: dataFile.replace(/\.csv$/, "") });
  expect(dataset).toEqual({ name: dataFile, by: editor.id, files: [dataFile] });
  const [company] = await cypher("MATCH (n:Entity {id: $id}) RETURN n.datasets AS datasets", { id: `${prefix}dsname` });
  expect(company?.datasets).toEqual([dataFile.replace(/\.csv$/, "")]);
  await cypher("MATCH (d:Dataset {id: $id}) DELETE d", { id: dataFile.replace(/\.csv$/, "") });
});

it("refuses a mapping that names a file outside the upload, before reading anything", async () => {
  const uploadId = await newUpload();
  await put(uploadId, "mapping.json", mapping("../../../../etc/passwd"));
  const { status, body } = await start({ uploadId, format: "csv", file: "mapping.json" });
  expect(status).toBe(400);
  expect(body.error).toContain("../../../../etc/passwd");
});

it.each([
  ["a path in the file name", "../escape.csv"],
  ["a hidden file", ".env"],
  ["an empty name", ""],
])("refuses an upload with %s", async (_label, name) => {
  const uploadId = await newUpload();
  const { status } = await put(uploadId, name, "x");
  expect(status).toBe(400);
});

it("answers 404 for an unknown import and 400 for a malformed upload id", async () => {
  expect((await jobRoute(new NextRequest(`${base}/api/imports/nope`, { headers: headers() }), { params: Promise.resolve({ id: "nope" }) })).status).toBe(404);
  const { status } = await json(
    fileRoute(new NextRequest(`${base}/api/imports/uploads/..%2F..?name=a.csv`, { method: "PUT", body: "x", headers: headers() }), {
      params: Promise.resolve({ uploadId: "../.." }),
    }),
  );
  expect(status).toBe(400);
});

function resume(id: string) {
  return json<ImportJob>(resumeRoute(new NextRequest(`${base}/api/imports/${id}/resume`, { method: "POST", headers: headers() }), { params: Promise.resolve({ id }) }));
}

it("reports an import whose server died as interrupted, runs it again from its upload, and only once", async () => {
  const uploadId = await newUpload();
  await put(uploadId, "companies.csv", "id,name\nc,Gamma SA\n");
  await put(uploadId, "mapping.json", mapping("companies.csv"));
  // What a server killed mid-import leaves behind: a running job whose heartbeat stopped, holding its upload.
  const deadId = `${prefix}-dead-job`;
  await cypher(
    `CREATE (:ImportJob {id: $deadId, owner: $owner, format: 'csv', sourceName: $source, status: 'running', phase: 'write entities',
       rows: 1, bytesRead: 10, totalBytes: 40, created: 0, startedAt: $startedAt, problems: '[]', uploadId: $uploadId,
       file: 'mapping.json', requestedSourceName: $source, skipInvalid: false, heartbeatAt: $heartbeatAt})`,
    { deadId, owner: editor.id, source: `${prefix}resumed`, startedAt: new Date().toISOString(), uploadId, heartbeatAt: Date.now() - STALE_AFTER_MS - 5_000 },
  );
  await cypher("MATCH (u:Upload {id: $uploadId}) SET u.heldBy = $deadId", { uploadId, deadId });

  const { status, body: dead } = await json<ImportJob>(jobRoute(new NextRequest(`${base}/api/imports/${deadId}`, { headers: headers() }), { params: Promise.resolve({ id: deadId }) }));
  expect(status).toBe(200);
  expect(dead).toMatchObject({ status: "interrupted", canResume: true, finishedAt: null });
  expect(dead.error).toMatch(/stopped before it finished/);

  const resumed = await resume(deadId);
  expect(resumed.status).toBe(202);
  expect(resumed.body.id).not.toBe(deadId);
  const job = await finished(resumed.body.id);
  expect(job).toMatchObject({ status: "imported", problems: [] });
  const [row] = await cypher("MATCH (n:Entity:Company {id: $id}) RETURN n.name AS name", { id: `${prefix}c` });
  expect(row?.name).toBe("Gamma SA");

  // The old job names its successor; a second "run again" is refused, as is running a finished job again.
  const { body: after } = await json<ImportJob>(jobRoute(new NextRequest(`${base}/api/imports/${deadId}`, { headers: headers() }), { params: Promise.resolve({ id: deadId }) }));
  expect(after).toMatchObject({ status: "interrupted", resumedBy: resumed.body.id, canResume: false });
  expect((await resume(deadId)).status).toBe(409);
  const again = await resume(resumed.body.id);
  expect(again.status).toBe(409);
  expect(again.body.error).toMatch(/Only an interrupted import/);
});
