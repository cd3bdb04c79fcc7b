/**
 * The limits of Data-page imports, through the real route handlers and the real Neo4j: an upload belongs
 * to its uploader (404 for everyone else), counts against a quota and is cut on the stream, abandoned
 * folders are swept, every importer refuses a line or record over 1 MB with its line number, a 50 MB
 * single-line file does not keep /api/health from answering, and no answer names a server path.
 */
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, utimes } from "node:fs/promises";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import path from "node:path";
import { Readable } from "node:stream";
import { finished as streamFinished } from "node:stream/promises";
import { NextRequest } from "next/server";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as jobRoute } from "@/app/api/imports/[id]/route";
import { GET as listRoute, POST as startRoute } from "@/app/api/imports/route";
import { PUT as fileRoute } from "@/app/api/imports/uploads/[uploadId]/route";
import { POST as uploadRoute } from "@/app/api/imports/uploads/route";
import { forgetCachedConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { REDSTRING_JSON_FORMAT } from "@/lib/export/json-csv";
import type { ImportJob } from "@/lib/import/jobs";
import { STALE_AFTER_MS } from "@/lib/import/job-store";
import { ABANDONED_AFTER_MS, uploadRoot } from "@/lib/import/uploads";
import { createTestUser, removeTestUsers, type TestUser } from "../support/auth";
import { closeTestDriver, cypher, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";

const prefix = uniquePrefix("limits");
const base = "http://127.0.0.1";
/** A request whose body is a stream ("half" duplex, which Node requires for one). */
type StreamingInit = NonNullable<ConstructorParameters<typeof NextRequest>[1]> & { duplex: "half" };
const MB = 1024 ** 2;
let owner: TestUser;
let other: TestUser;
let scratch: string;

beforeAll(async () => {
  [owner, other] = await Promise.all([createTestUser(prefix, "editor"), createTestUser(prefix, "editor", { suffix: "other-editor" })]);
  scratch = await mkdtemp(path.join(os.tmpdir(), "redstring-limits-test-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await cypher("MATCH (n) WHERE (n:Upload OR n:ImportJob) AND n.owner IN $owners DETACH DELETE n", { owners: [owner.id, other.id] });
  await removeTestUsers(prefix);
  await cypher("MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix });
  await closeDriver();
  await closeTestDriver();
});

type Answer<T> = { status: number; body: T & { error?: string } };

/** Every answer and problem list: no path on the server, no Java, no stack frames. */
function expectNoServerDetails(value: unknown) {
  const text = JSON.stringify(value);
  expect(text).not.toContain(os.tmpdir());
  expect(text).not.toContain("redstring-uploads");
  expect(text).not.toContain(uploadRoot());
  expect(text).not.toMatch(/java\.|org\.neo4j|Exception/);
  expect(text).not.toMatch(/\bat [\w$.]+\([^)]*:\d+\)/);
  expect(text).not.toMatch(/(^|[\s"'(:=])\/[\w.-]+\/[\w.-]+/);
}

async function json<T>(response: Promise<Response>): Promise<Answer<T>> {
  const answer = await response;
  const result = { status: answer.status, body: (await answer.json()) as T & { error?: string } };
  expectNoServerDetails(result.body);
  return result;
}

async function newUpload(user = owner): Promise<string> {
  const { status, body } = await json<{ uploadId: string }>(uploadRoute(new NextRequest(`${base}/api/imports/uploads`, { method: "POST", headers: { ...SAME_ORIGIN, cookie: user.cookie } })));
  expect(status).toBe(201);
  return body.uploadId;
}

/** PUTs a file; `body` may be a stream (then sent chunked, without Content-Length). */
function put(uploadId: string, name: string, body: string | ReadableStream<Uint8Array>, user = owner, headers: Record<string, string> = {}) {
  const init = { method: "PUT", body, headers: { ...SAME_ORIGIN, cookie: user.cookie, ...headers }, duplex: "half" } as StreamingInit;
  return json<{ bytes: number }>(fileRoute(new NextRequest(`${base}/api/imports/uploads/${uploadId}?name=${encodeURIComponent(name)}`, init), { params: Promise.resolve({ uploadId }) }));
}

function putFile(uploadId: string, name: string, file: string) {
  return put(uploadId, name, Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
}

function start(body: Record<string, unknown>, user = owner) {
  return json<ImportJob>(
    startRoute(new NextRequest(`${base}/api/imports`, { method: "POST", body: JSON.stringify(body), headers: { ...SAME_ORIGIN, "content-type": "application/json", cookie: user.cookie } })),
  );
}

function job(id: string, user = owner) {
  return json<ImportJob>(jobRoute(new NextRequest(`${base}/api/imports/${id}`, { headers: { cookie: user.cookie } }), { params: Promise.resolve({ id }) }));
}

async function finished(id: string): Promise<ImportJob> {
  for (;;) {
    const { body } = await job(id);
    if (body.status !== "running") return body;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A stream of `total` bytes of "a" in 64 kB chunks, counting what the server pulls. */
function countedBytes(total: number) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) return controller.close();
        const size = Math.min(64 * 1024, total - counter.pulled);
        counter.pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

async function writeFile(name: string, parts: Iterable<string>): Promise<string> {
  const file = path.join(scratch, name);
  const out = createWriteStream(file);
  for (const part of parts) if (!out.write(part)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  out.end();
  await streamFinished(out);
  return file;
}

describe("an upload belongs to its uploader", () => {
  it("is 404 for anyone else: writing to it, importing from it, reading or listing its job", async () => {
    const uploadId = await newUpload(owner);
    const file = JSON.stringify({ format: REDSTRING_JSON_FORMAT, version: 1, entities: [{ type: "Person", id: `${prefix}alice`, name: "Alice" }], relationships: [] });
    expect((await put(uploadId, "graph.json", file)).status).toBe(200);

    const intruderPut = await put(uploadId, "graph.json", "{}", other);
    expect(intruderPut.status).toBe(404);
    expect(intruderPut.body.error).toMatch(/No upload with this id/);
    const intruderStart = await start({ uploadId, format: "json", file: "graph.json" }, other);
    expect(intruderStart.status).toBe(404);

    const started = await start({ uploadId, format: "json", file: "graph.json" });
    expect(started.status).toBe(202);
    expect((await job(started.body.id, other)).status).toBe(404);
    const listed = (user: TestUser) => json<{ imports: ImportJob[] }>(listRoute(new NextRequest(`${base}/api/imports`, { headers: { cookie: user.cookie } })));
    expect((await listed(owner)).body.imports.map((entry) => entry.id)).toContain(started.body.id);
    expect((await listed(other)).body.imports.map((entry) => entry.id)).not.toContain(started.body.id);
    expect(await finished(started.body.id)).toMatchObject({ status: "imported" });
    // The intruder's "{}" was never written over the owner's file: Alice came in.
    const [row] = await cypher("MATCH (n:Person {id: $id}) RETURN n.name AS name", { id: `${prefix}alice` });
    expect(row?.name).toBe("Alice");
  });
});

describe("sizes are counted on the stream", () => {
  afterEach(() => {
    delete process.env.REDSTRING_UPLOAD_QUOTA_MB;
    forgetCachedConfig();
  });

  it("refuses a chunked upload past the uploader's quota with 413, keeps none of it, and stops reading", async () => {
    process.env.REDSTRING_UPLOAD_QUOTA_MB = "1";
    forgetCachedConfig();
    const quotaUser = await createTestUser(prefix, "editor", { suffix: "quota-editor" });
    const uploadId = await newUpload(quotaUser);
    const first = countedBytes(700 * 1024);
    expect(await put(uploadId, "first.csv", first.stream, quotaUser)).toMatchObject({ status: 200, body: { bytes: 700 * 1024 } });

    const second = countedBytes(50 * MB);
    const refused = await put(uploadId, "second.csv", second.stream, quotaUser);
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatch(/upload quota of 1 MB/);
    expect(refused.body.error).toMatch(/700 kB is already waiting/);
    expect(second.counter.pulled).toBeLessThanOrEqual(MB - 700 * 1024 + 2 * 64 * 1024);
    expect(existsSync(path.join(uploadRoot(), uploadId, "second.csv"))).toBe(false);

    // What was refused left nothing behind: the rest of the quota is still free (in another folder, too).
    const another = await newUpload(quotaUser);
    expect((await put(another, "third.csv", countedBytes(200 * 1024).stream, quotaUser)).status).toBe(200);
    // Replacing a file does not count it twice.
    expect((await put(uploadId, "first.csv", countedBytes(750 * 1024).stream, quotaUser)).status).toBe(200);
  });

  it("refuses a declared size over 2 GB before reading anything", async () => {
    const uploadId = await newUpload();
    const { stream, counter } = countedBytes(MB);
    const refused = await put(uploadId, "big.csv", stream, owner, { "content-length": String(2 * 1024 ** 3 + 1) });
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatch(/at most 2 GB/);
    expect(counter.pulled).toBe(0);
  });
});

describe("abandoned uploads", () => {
  /** Makes an upload look `ms` past its last file: its recorded expiry, and its folder's time. */
  async function age(uploadId: string, ms: number) {
    const when = Date.now() - ms;
    await cypher("MATCH (u:Upload {id: $uploadId}) SET u.expiresAt = $expiresAt", { uploadId, expiresAt: when + ABANDONED_AFTER_MS });
    await utimes(path.join(uploadRoot(), uploadId), new Date(when), new Date(when));
  }

  it("removes uploads a day past their last file when a new upload begins, and keeps younger ones", async () => {
    const old = await newUpload();
    await put(old, "left.csv", "id,name\n");
    const young = await newUpload();
    await age(old, ABANDONED_AFTER_MS + 60_000);
    await age(young, ABANDONED_AFTER_MS - 60 * 60_000);
    await newUpload();
    expect(existsSync(path.join(uploadRoot(), old))).toBe(false);
    expect(existsSync(path.join(uploadRoot(), young))).toBe(true);
    expect(await cypher("MATCH (u:Upload {id: $old}) RETURN u", { old })).toHaveLength(0);
    // Gone means gone for its owner too.
    expect((await put(old, "left.csv", "id,name\n")).status).toBe(404);
  });

  it("keeps an old upload while a live import holds it, and sweeps it once that import's server has stopped beating", async () => {
    const held = await newUpload();
    const jobId = `${prefix}-held-job`;
    await cypher("CREATE (:ImportJob {id: $jobId, owner: $owner, status: 'running', heartbeatAt: $now, startedAt: $at})", {
      jobId,
      owner: owner.id,
      now: Date.now(),
      at: new Date().toISOString(),
    });
    await cypher("MATCH (u:Upload {id: $held}) SET u.heldBy = $jobId", { held, jobId });
    await age(held, 2 * ABANDONED_AFTER_MS);
    await newUpload();
    expect(existsSync(path.join(uploadRoot(), held))).toBe(true);

    await cypher("MATCH (j:ImportJob {id: $jobId}) SET j.heartbeatAt = $then", { jobId, then: Date.now() - STALE_AFTER_MS - 1_000 });
    await newUpload();
    expect(existsSync(path.join(uploadRoot(), held))).toBe(false);
  });

  it("removes an old folder that has no record (a crash between the two), and leaves a young one", async () => {
    const orphan = path.join(uploadRoot(), `${prefix}orphan`.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 16).padEnd(16, "x"));
    const fresh = `${orphan.slice(0, -1)}y`;
    await mkdir(orphan, { recursive: true });
    await mkdir(fresh, { recursive: true });
    const when = new Date(Date.now() - 2 * ABANDONED_AFTER_MS);
    await utimes(orphan, when, when);
    await newUpload();
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    await rm(fresh, { recursive: true, force: true });
  });
});

describe("lines and records over 1 MB are refused with their line number", () => {
  const big = (size: number) => "x".repeat(size);
  const mapping = (file: string) =>
    JSON.stringify({ nodes: [{ file, type: "Company", id: { column: "id", prefix }, name: { column: "name" } }], relationships: [] });

  async function importFiles(format: string, files: Record<string, string>, file: string) {
    const uploadId = await newUpload();
    for (const [name, content] of Object.entries(files)) expect((await put(uploadId, name, content)).status).toBe(200);
    const started = await start({ uploadId, format, file });
    expect(started.status).toBe(202);
    return finished(started.body.id);
  }

  it("CSV: a line over 1 MB", async () => {
    const csv = `id,name\na,Alpha\nb,${big(1.2 * MB)}\nc,Gamma\n`;
    const result = await importFiles("csv", { "companies.csv": csv, "mapping.json": mapping("companies.csv") }, "mapping.json");
    expect(result.status).toBe("refused");
    expect(result.problems).toEqual([{ file: "companies.csv", line: 3, reason: expect.stringMatching(/the line is 1\.2 MB long; a line may be at most 1 MB/) as string }]);
  });

  it("CSV: a quoted record over 1 MB made of short lines", async () => {
    const lines = Array.from({ length: 2_000 }, () => big(600)).join("\n");
    const csv = `id,name\na,Alpha\nb,"${lines}"\nc,Gamma\n`;
    const result = await importFiles("csv", { "companies.csv": csv, "mapping.json": mapping("companies.csv") }, "mapping.json");
    expect(result.status).toBe("refused");
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file: "companies.csv", reason: expect.stringMatching(/max(imum)? record size/i) as string });
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it("FollowTheMoney: a line over 1 MB, while the lines around it are read", async () => {
    const entity = (id: string, name: string) => JSON.stringify({ id, schema: "Person", properties: { name: [name] } });
    const ftm = [entity(`${prefix}p1`, "One"), entity(`${prefix}p2`, big(1.5 * MB)), entity(`${prefix}p3`, "Three"), "{broken"].join("\n");
    const result = await importFiles("ftm", { "people.ijson": ftm }, "people.ijson");
    expect(result.status).toBe("refused");
    expect(result.problems).toEqual([
      { file: "people.ijson", line: 2, reason: expect.stringMatching(/the line is 1\.5 MB long/) as string },
      { file: "people.ijson", line: 4, reason: expect.stringMatching(/not valid JSON/) as string },
    ]);
  });

  it("Redstring JSON: an entity over 1 MB, with the line it starts on; the rest of the file is still checked", async () => {
    const document = [
      `{"format": "${REDSTRING_JSON_FORMAT}", "version": 1, "entities": [`,
      `{"type": "Person", "id": "${prefix}small", "name": "Small"},`,
      `{"type": "Person", "id": "${prefix}large",`,
      ` "name": "Large", "description": "${big(1.1 * MB)}"},`,
      `{"type": "Person", "id": "${prefix}bad"}`,
      `], "relationships": []}`,
    ].join("\n");
    const result = await importFiles("json", { "graph.json": document }, "graph.json");
    expect(result.status).toBe("refused");
    expect(result.problems).toEqual([
      { file: "graph.json", line: 3, reason: expect.stringMatching(/this entity is longer than 1 MB/) as string },
      { file: "graph.json", line: 5, reason: expect.stringMatching(/name/) as string },
    ]);
  });
});

it("a 50 MB single-line Redstring JSON file is refused with its line and reason, and /api/health answers all along", async () => {
  const head = `{"format":"${REDSTRING_JSON_FORMAT}","version":1,"entities":[{"type":"Person","id":"${prefix}huge","name":"Huge","description":"`;
  const chunk = "a".repeat(MB);
  const file = await writeFile("huge.json", (function* () {
    yield head;
    for (let index = 0; index < 50; index += 1) yield chunk;
    yield '"}],"relationships":[]}';
  })());
  const uploadId = await newUpload();
  expect((await putFile(uploadId, "huge.json", file)).body.bytes).toBeGreaterThan(50 * MB);

  const started = await start({ uploadId, format: "json", file: "huge.json" });
  expect(started.status).toBe(202);
  // Health requests one after another while the import runs. After each answer, the job says whether
  // the import was still reading its file at that moment: answers that come while it is still parsing
  // show that the server kept serving other requests during the parse.
  // Measured for the log only: the test asserts the ordering, never a time.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const timeline: string[] = [];
  let answeredWhileParsing = 0;
  let slowest = 0;
  for (;;) {
    const asked = performance.now();
    const health = await (healthRoute as (request: NextRequest) => Promise<Response>)(new NextRequest(`${base}/api/health`));
    slowest = Math.max(slowest, performance.now() - asked);
    expect(health.status).toBe(200);
    const { body } = await job(started.body.id);
    timeline.push(`health answered; import ${body.status}, ${body.phase}`);
    if (body.status !== "running") break;
    if (body.phase === "validate" || body.phase === "check") answeredWhileParsing += 1;
  }
  lag.disable();
  console.info(
    `[import-limits] ${answeredWhileParsing} health answers while parsing 50 MB on one line; slowest ${slowest.toFixed(0)} ms, longest event-loop stall ${(lag.max / 1e6).toFixed(0)} ms`,
  );
  expect(answeredWhileParsing, timeline.join("\n")).toBeGreaterThan(0);
  expect(timeline.at(-1)).toMatch(/import refused/);

  const result = await finished(started.body.id);
  expect(result.status).toBe("refused");
  expect(result.problems).toEqual([{ file: "huge.json", line: 1, reason: expect.stringMatching(/this entity is longer than 1 MB/) as string }]);
  expect(existsSync(path.join(uploadRoot(), uploadId))).toBe(false);
});

describe("errors name no server path", () => {
  it("for a file that was never uploaded, an unknown upload and a mapping naming a missing file", async () => {
    const uploadId = await newUpload();
    const missing = await start({ uploadId, format: "json", file: "nothing.json" });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/"nothing\.json" was not uploaded/);

    expect((await put("AAAAAAAAAAAAAAAA", "x.csv", "x")).status).toBe(404);

    await put(uploadId, "mapping.json", JSON.stringify({ nodes: [{ file: "absent.csv", type: "Company", id: { column: "id" }, name: { column: "name" } }], relationships: [] }));
    const absent = await start({ uploadId, format: "csv", file: "mapping.json" });
    expect(absent.status).toBe(400);
    expect(absent.body.error).toMatch(/absent\.csv/);
  });

  it("for an import whose rows break in every way a parser can complain about", async () => {
    const uploadId = await newUpload();
    const document = [`{"format": "${REDSTRING_JSON_FORMAT}", "version": 1, "entities": [`, `{"type": "Person", "id": 12, "name": ""},`, `{"type": "Nope"}`, `], "relationships": [{"type": "KNOWS", "from": "a"}]}`].join("\n");
    await put(uploadId, "graph.json", document);
    const csvUpload = await newUpload();
    await put(csvUpload, "rows.csv", 'id,name\na,"unclosed\n');
    await put(csvUpload, "mapping.json", JSON.stringify({ nodes: [{ file: "rows.csv", type: "Company", id: { column: "id", prefix }, name: { column: "name" } }], relationships: [] }));
    for (const [id, format, file] of [[uploadId, "json", "graph.json"], [csvUpload, "csv", "mapping.json"]] as const) {
      const result = await finished((await start({ uploadId: id, format, file })).body.id);
      expect(result.status).toBe("refused");
      expect(result.problems.length).toBeGreaterThan(0);
      for (const problem of result.problems) expect(problem.file).toBe(format === "json" ? "graph.json" : "rows.csv");
      expectNoServerDetails(result);
    }
  });
});
