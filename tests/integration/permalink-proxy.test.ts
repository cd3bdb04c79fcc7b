/**
 * A permalink request reads its snapshot once (proxy.ts, lib/snapshots/handoff.ts): the proxy's read,
 * which answers 410 for a revoked link before anything renders, is handed to the page of the same
 * request instead of the page reading again. The proxy is called as Next.js calls it, against the real
 * database; the page's half is lib/snapshots/page-data.ts, which takes what the proxy left.
 */
import { randomBytes } from "node:crypto";
import { NextRequest, type NextResponse } from "next/server";
import { proxy } from "@/proxy";
import { APP_NAME } from "@/lib/db/context";
import { closeDriver } from "@/lib/db/driver";
import { runRead } from "@/lib/db/session";
import { withPageContext } from "@/lib/page-context";
import { SNAPSHOT_HANDOFF_HEADER, takeHandedOff } from "@/lib/snapshots/handoff";
import { createSnapshotSchema } from "@/lib/snapshots/model";
import { createSnapshot, revokeSnapshot } from "@/lib/snapshots/store";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher } from "../support/neo4j";
import { countQueries } from "../support/query-stats";
import { TEST_BASE } from "../support/requests";

let users: TestUsers;
const title = `permalink-proxy ${Date.now()}`;
const view = { title, note: "", nodes: [{ id: "company-thermo-fisher", x: 0, y: 0 }], viewport: { x1: -100, y1: -100, x2: 100, y2: 100 } };

beforeAll(async () => {
  users = await createTestUsers("permalink-proxy");
});

afterAll(async () => {
  await cypher("MATCH (s:Snapshot) WHERE s.title = $title DETACH DELETE s", { title });
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

const share = async () => (await createSnapshot(users.editor.actor, createSnapshotSchema.parse(view))).snapshot.id;
const visit = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(new URL(path, TEST_BASE), { headers }));

/** The request header the proxy passes on to the page (Next.js carries them as x-middleware-request-*). */
const forwarded = (response: NextResponse, name: string) => response.headers.get(`x-middleware-request-${name}`);

/** How many statements that touch :Snapshot ran while `work` did. */
async function snapshotStatements(work: () => Promise<unknown>): Promise<number> {
  const counter = await countQueries(async (query) => cypher(query));
  try {
    await work();
    const counts = await counter.counts();
    return [...counts.entries()].filter(([query]) => query.includes(":Snapshot")).reduce((sum, [, count]) => sum + count, 0);
  } finally {
    await counter.stop();
  }
}

describe.each(["/s", "/embed"])("%s/{id}", (section) => {
  it("reads the snapshot once, in the proxy, and hands the record to the page", async () => {
    const id = await share();
    let response!: NextResponse;
    expect(await snapshotStatements(async () => (response = await visit(`${section}/${id}`)))).toBe(1);
    expect(response.status).toBe(200);
    const token = forwarded(response, SNAPSHOT_HANDOFF_HEADER);
    expect(token).toBeTruthy();
    // What the page finds: the whole record, with nothing left to read.
    const handed = takeHandedOff(token, id);
    expect(handed?.record).toMatchObject({ id, title });
    expect(JSON.parse(String(handed?.record?.graphJson))).toMatchObject({ nodes: [{ id: "company-thermo-fisher" }] });
  });

  it("answers 410 for a revoked link with that one read, before the page", async () => {
    const id = await share();
    await revokeSnapshot(users.admin.actor, id, undefined);
    let response!: NextResponse;
    expect(await snapshotStatements(async () => (response = await visit(`${section}/${id}`)))).toBe(1);
    expect(response.status).toBe(410);
    expect(response.headers.get("content-security-policy")).toContain("nonce-");
    const html = await response.text();
    expect(html).toContain("This link was revoked");
    expect(html).not.toContain(title);
  });

  it("hands 'no such snapshot' to the page for an unknown id, and reads nothing for a malformed one", async () => {
    const unknown = `${section}/AAAAAAAAAAAAAAAAAAAAAA`;
    const response = await visit(unknown);
    expect(response.status).toBe(200);
    expect(takeHandedOff(forwarded(response, SNAPSHOT_HANDOFF_HEADER), "AAAAAAAAAAAAAAAAAAAAAA")).toEqual({ record: null });
    let malformed!: NextResponse;
    expect(await snapshotStatements(async () => (malformed = await visit(`${section}/not-an-id`)))).toBe(0);
    expect(forwarded(malformed, SNAPSHOT_HANDOFF_HEADER)).toBeNull();
  });
});

it("reads nothing for the router's prefetch (the page reads what it renders) and never passes on a browser's own token", async () => {
  const id = await share();
  let prefetch!: NextResponse;
  expect(await snapshotStatements(async () => (prefetch = await visit(`/s/${id}`, { "next-router-prefetch": "1", [SNAPSHOT_HANDOFF_HEADER]: "made-up" })))).toBe(0);
  expect(prefetch.status).toBe(200);
  // The page is told nothing: the header the browser sent is dropped.
  expect(prefetch.headers.get("x-middleware-override-headers")?.split(",")).not.toContain(SNAPSHOT_HANDOFF_HEADER);
  const other = await visit("/queries", { [SNAPSHOT_HANDOFF_HEADER]: "made-up" });
  expect(other.headers.get("x-middleware-override-headers")?.split(",")).not.toContain(SNAPSHOT_HANDOFF_HEADER);
});

it("names the page in the metadata of a read in its context (withPageContext: the proxy's read; withPage wraps it)", async () => {
  const marker = `it-page-meta-${randomBytes(4).toString("hex")}`;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const work = withPageContext("/s/[id]", undefined, () =>
    runRead(async (tx) => {
      await tx.run(`RETURN '${marker}'`);
      await released;
    }),
  );
  const listed = async () =>
    (await cypher("SHOW TRANSACTIONS YIELD metaData RETURN metaData"))
      .map((row) => row.metaData as Record<string, unknown>)
      .filter((metadata) => metadata.route === "page /s/[id]");
  try {
    await expect.poll(listed, { timeout: 20_000, interval: 100 }).toEqual([{ app: APP_NAME, route: "page /s/[id]" }]);
  } finally {
    release();
    await work;
  }
});
