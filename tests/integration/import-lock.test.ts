/**
 * One import at a time per data set (lib/import/lock.ts), against the real Neo4j: from the CLI and the Data
 * page alike, a second import is refused while the first runs, and a lock whose holder died is taken over.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { GET as jobRoute } from "@/app/api/imports/[id]/route";
import { POST as startRoute } from "@/app/api/imports/route";
import { PUT as fileRoute } from "@/app/api/imports/uploads/[uploadId]/route";
import { POST as uploadRoute } from "@/app/api/imports/uploads/route";
import { closeDriver } from "@/lib/db/driver";
import { migrateSchema } from "@/lib/migrations";
import { IMPORT_LOCK_LABEL } from "@/lib/import/lock-schema";
import { ImportRunningError, STALE_AFTER_MS, acquireImportLock, datasetKey } from "@/lib/import/lock";
import { ROOT } from "@/scripts/lib/neo4j-local.mjs";
import { createTestUser, removeTestUsers, type TestUser } from "../support/auth";
import { closeTestDriver, cypher, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN } from "../support/requests";
import { pollUntil } from "../support/poll";

const prefix = uniquePrefix("importlock");
const dataset = (name: string) => `${prefix}${name}`;
let editor: TestUser;

beforeAll(async () => {
  await migrateSchema();
  editor = await createTestUser(prefix, "editor");
});

afterAll(async () => {
  await cypher(`MATCH (l:${IMPORT_LOCK_LABEL}) WHERE l.dataset STARTS WITH $prefix DELETE l`, { prefix });
  await cypher("MATCH (n:Entity) WHERE n.id CONTAINS $prefix DETACH DELETE n", { prefix });
  await removeTestUsers(prefix);
  await closeDriver();
  await closeTestDriver();
});

const locks = (name: string) => cypher(`MATCH (l:${IMPORT_LOCK_LABEL} {dataset: $dataset}) RETURN l.by AS by`, { dataset: dataset(name) });

it("refuses a second holder with who holds it, and frees the data set on release", async () => {
  const first = await acquireImportLock(dataset("a"), { by: "npm run import on desk-1" });
  const refused = await acquireImportLock(dataset("a"), { by: "Ada on the Data page" }).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(ImportRunningError);
  expect((refused as ImportRunningError).status).toBe(409);
  expect((refused as Error).message).toContain("npm run import on desk-1");
  // Another data set is not held up.
  const other = await acquireImportLock(dataset("b"), { by: "someone" });
  await other.release();

  await first.release();
  expect(await locks("a")).toHaveLength(0);
  const second = await acquireImportLock(dataset("a"), { by: "Ada on the Data page" });
  expect((await locks("a")).map((record) => record.by)).toEqual(["Ada on the Data page"]);
  await second.release();
});

it("lets exactly one of many simultaneous imports of a data set run", async () => {
  const attempts = await Promise.allSettled(Array.from({ length: 8 }, (_, index) => acquireImportLock(dataset("race"), { by: `runner ${index}` })));
  const won = attempts.filter((attempt) => attempt.status === "fulfilled");
  expect(won).toHaveLength(1);
  for (const attempt of attempts) if (attempt.status === "rejected") expect(attempt.reason).toBeInstanceOf(ImportRunningError);
  await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireImportLock>>>).value.release();
});

it("takes over a lock whose heartbeat stopped, and the old holder's release leaves the new lock alone", async () => {
  const start = Date.now();
  const stale = await acquireImportLock(dataset("stale"), { by: "a machine that went away" }, () => start);
  // Not yet stale: refused.
  await expect(acquireImportLock(dataset("stale"), { by: "too early" }, () => start + STALE_AFTER_MS - 1_000)).rejects.toBeInstanceOf(ImportRunningError);
  const successor = await acquireImportLock(dataset("stale"), { by: "the next run" }, () => start + STALE_AFTER_MS + 1_000);
  await stale.release();
  expect((await locks("stale")).map((record) => record.by)).toEqual(["the next run"]);
  await successor.release();
});

it("takes over at once a lock held by a process of this machine that has died", async () => {
  // A real process that has exited: its pid is free (or, unlikely, reused by a live one, which keeps the lock).
  const child = spawn(process.execPath, ["-e", ""]);
  const pid = child.pid!;
  await new Promise((resolve) => child.once("exit", resolve));
  await cypher(
    `CREATE (:${IMPORT_LOCK_LABEL} {dataset: $dataset, token: 'dead', by: 'a killed import', host: $host, pid: $pid, startedAt: $now, heartbeatAt: $now})`,
    { dataset: dataset("dead"), host: os.hostname(), pid, now: Date.now() },
  );
  const lock = await acquireImportLock(dataset("dead"), { by: "the re-run" });
  expect((await locks("dead")).map((record) => record.by)).toEqual(["the re-run"]);
  await lock.release();
});

it("refuses an import from the Data page while the same data set is being imported, and keeps the upload", async () => {
  const sourceName = `${prefix}data page set`;
  const holder = await acquireImportLock(datasetKey(sourceName), { by: "npm run import on desk-2" });
  try {
    const headers = { cookie: editor.cookie, ...SAME_ORIGIN };
    const upload = (await (await uploadRoute(new NextRequest("http://127.0.0.1/api/imports/uploads", { method: "POST", headers }))).json()) as { uploadId: string };
    const put = await fileRoute(
      new NextRequest(`http://127.0.0.1/api/imports/uploads/${upload.uploadId}?name=graph.ijson`, {
        method: "PUT",
        body: `{"id": "${prefix}c", "schema": "Company", "properties": {"name": ["C"]}}\n`,
        headers,
      }),
      { params: Promise.resolve({ uploadId: upload.uploadId }) },
    );
    expect(put.status).toBe(200);
    const body = JSON.stringify({ uploadId: upload.uploadId, format: "ftm", file: "graph.ijson", sourceName, skipInvalid: false });
    const refused = await startRoute(new NextRequest("http://127.0.0.1/api/imports", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }));
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toContain("npm run import on desk-2");

    // Once the other import is over, the same upload imports.
    await holder.release();
    const accepted = await startRoute(new NextRequest("http://127.0.0.1/api/imports", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }));
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    const job = await pollUntil(
      async () => (await (await jobRoute(new NextRequest(`http://127.0.0.1/api/imports/${id}`, { headers }), { params: Promise.resolve({ id }) })).json()) as { status: string },
      (answer) => answer.status !== "running",
      { what: "the import job to end" },
    );
    expect(job.status).toBe("imported");
    // The job's own lock is gone with it.
    expect(await cypher(`MATCH (l:${IMPORT_LOCK_LABEL} {dataset: $dataset}) RETURN l`, { dataset: datasetKey(sourceName) })).toHaveLength(0);
  } finally {
    await holder.release();
  }
});

it("makes `npm run import` of a data set being imported exit with a readable message, leaving the last report in place", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "redstring-lock-"));
  const file = path.join(dir, "set.ijson");
  writeFileSync(file, `{"id": "x", "schema": "Company", "properties": {"name": ["X"]}}\n`);
  const report = path.join(dir, "refused.tsv");
  writeFileSync(report, "the last complete report\n");
  const sourceName = `${prefix}cli set`;
  const holder = await acquireImportLock(datasetKey(sourceName), { by: "Ada on the Data page" });
  try {
    const outcome = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, "scripts/import.mjs"), "ftm", file, "--source-name", sourceName, "--id-prefix", prefix, "--report", report], {
        cwd: ROOT,
        env: process.env,
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => resolve({ code, output }));
    });
    expect(outcome.code).toBe(1);
    expect(outcome.output).toContain("An import of this data set is already running");
    expect(outcome.output).toContain("Ada on the Data page");
    expect(outcome.output).not.toMatch(/\n\s+at /); // no stack trace
    expect((await import("node:fs")).readFileSync(report, "utf8")).toBe("the last complete report\n");
  } finally {
    await holder.release();
  }
});
