/**
 * Private by default, through the real route handlers and Neo4j: a new instance refuses signed-out
 * reading until an admin turns it on (GET/PATCH /api/admin/settings, stored as one :InstanceSettings
 * record, not an Entity); REDSTRING_PUBLIC_READ fixes the answer when set; a snapshot's note reaches
 * signed-out readers only when the person sharing made it the public caption.
 */
import { NextRequest } from "next/server";
import { GET as settingsRoute, PATCH as patchSettingsRoute } from "@/app/api/admin/settings/route";
import { GET as searchRoute } from "@/app/api/search/route";
import { GET as snapshotRoute } from "@/app/api/snapshots/[id]/route";
import { POST as createSnapshotRoute } from "@/app/api/snapshots/route";
import { forgetCachedConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { forgetInstanceSettingsCache, SETTINGS_CACHE_MS, type InstanceSettings } from "@/lib/settings/instance";
import type { CreatedSnapshot, Snapshot } from "@/lib/snapshots/model";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { publicReadOff } from "../support/instance-settings";
import { closeTestDriver, cypher } from "../support/neo4j";
import { countQueries, timesRun } from "../support/query-stats";
import { SAME_ORIGIN, TEST_BASE } from "../support/requests";

let users: TestUsers;
const title = `private-by-default ${Date.now()}`;

beforeAll(async () => {
  users = await createTestUsers("private");
  await publicReadOff();
});

afterEach(async () => {
  delete process.env.REDSTRING_PUBLIC_READ;
  forgetCachedConfig();
  await publicReadOff();
});

afterAll(async () => {
  await cypher("MATCH (s:Snapshot) WHERE s.title = $title DETACH DELETE s", { title });
  await removeTestUsers(users.prefix);
  await closeDriver();
  await closeTestDriver();
});

type Who = "signed out" | "viewer" | "editor" | "admin";
const cookieOf = (who: Who): Record<string, string> => (who === "signed out" ? {} : { cookie: users[who].cookie });
const get = (who: Who, path: string) => new NextRequest(new URL(path, TEST_BASE), { headers: cookieOf(who) });
const send = (who: Who, method: string, path: string, body: unknown, headers: Record<string, string> = SAME_ORIGIN) =>
  new NextRequest(new URL(path, TEST_BASE), {
    method,
    headers: { "content-type": "application/json", ...cookieOf(who), ...headers },
    body: JSON.stringify(body),
  });

async function json<T>(response: Promise<Response>): Promise<{ status: number; body: T & { error?: string } }> {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T & { error?: string } };
}

const signedOutSearch = async () => (await searchRoute(get("signed out", "/api/search?q=thermo"))).status;
const setPublicRead = (who: Who, publicRead: unknown, headers?: Record<string, string>) =>
  json<InstanceSettings>(patchSettingsRoute(send(who, "PATCH", "/api/admin/settings", { publicRead }, headers)));

describe("the admins' switch for signed-out reading", () => {
  it("is off on a new instance: a signed-out search is refused, a viewer's answered", async () => {
    expect(await signedOutSearch()).toBe(401);
    expect((await searchRoute(get("viewer", "/api/search?q=thermo"))).status).toBe(200);
    const { status, body } = await json<InstanceSettings>(settingsRoute(get("admin", "/api/admin/settings")));
    expect(status).toBe(200);
    expect(body).toMatchObject({ publicRead: false, publicReadFixedBy: null });
  });

  it("an admin turns it on (signed-out reading then works) and off again (refused again)", async () => {
    const on = await setPublicRead("admin", true);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ publicRead: true, publicReadFixedBy: null });
    expect(on.body.updatedAt).not.toBeNull();
    expect(await signedOutSearch()).toBe(200);
    expect((await json<InstanceSettings>(settingsRoute(get("admin", "/api/admin/settings")))).body.publicRead).toBe(true);

    expect((await setPublicRead("admin", false)).body.publicRead).toBe(false);
    expect(await signedOutSearch()).toBe(401);
  });

  it("is stored as one internal record, not an entity", async () => {
    await setPublicRead("admin", true);
    await setPublicRead("admin", false);
    const rows = await cypher("MATCH (s:InstanceSettings) RETURN labels(s) AS labels, s.publicRead AS publicRead, s.updatedBy AS by");
    expect(rows).toEqual([{ labels: ["InstanceSettings"], publicRead: false, by: users.admin.id }]);
  });

  it("answers a change from its own write: one statement stores the switch and returns it, nothing reads it back", async () => {
    const counter = await countQueries(async (query) => cypher(query));
    let changed: Awaited<ReturnType<typeof setPublicRead>>;
    try {
      changed = await setPublicRead("admin", true);
      const counts = await counter.counts();
      const touching = [...counts.keys()].filter((query) => query.includes(":InstanceSettings"));
      expect(touching).toHaveLength(1);
      expect(touching[0]).toContain("MERGE");
      expect(timesRun(counts, ":InstanceSettings")).toBe(1);
    } finally {
      await counter.stop();
    }
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ publicRead: true, publicReadFixedBy: null });
    // What the answer says is what was stored.
    const [row] = await cypher("MATCH (s:InstanceSettings) RETURN s.publicRead AS publicRead, toString(s.updatedAt) AS updatedAt");
    expect(changed.body.updatedAt).toBe(row?.updatedAt);
    expect(row?.publicRead).toBe(true);
  });

  it("only admins read or change it; a change needs this site's Origin and a boolean", async () => {
    expect((await settingsRoute(get("signed out", "/api/admin/settings"))).status).toBe(401);
    expect((await settingsRoute(get("editor", "/api/admin/settings"))).status).toBe(403);
    expect((await setPublicRead("signed out", true)).status).toBe(401);
    const viewer = await setPublicRead("viewer", true);
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toMatch(/admin/);
    expect((await setPublicRead("admin", true, { origin: "https://evil.example", host: "127.0.0.1" })).status).toBe(403);
    const malformed = await setPublicRead("admin", "yes");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/publicRead/);
    // None of the refused changes took effect.
    expect(await signedOutSearch()).toBe(401);
  });

  it("is seen by another server process within SETTINGS_CACHE_MS (replicas share Neo4j, not the cache)", async () => {
    expect(await signedOutSearch()).toBe(401); // this process now holds "off" in its cache
    // Another replica's admin turns it on: the record changes behind this process's back.
    await cypher("MATCH (s:InstanceSettings {id: 'instance'}) SET s.publicRead = true");
    await expect.poll(signedOutSearch, { timeout: SETTINGS_CACHE_MS + 5_000, interval: 250 }).toBe(200);
    forgetInstanceSettingsCache();
  });
});

describe("REDSTRING_PUBLIC_READ, when set", () => {
  it("decides over the stored switch, which the page shows as fixed and refuses to change (409)", async () => {
    process.env.REDSTRING_PUBLIC_READ = "true";
    forgetCachedConfig();
    expect(await signedOutSearch()).toBe(200);
    const { body } = await json<InstanceSettings>(settingsRoute(get("admin", "/api/admin/settings")));
    expect(body).toMatchObject({ publicRead: true, publicReadFixedBy: "environment" });
    const refused = await setPublicRead("admin", false);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/REDSTRING_PUBLIC_READ/);
    expect(await signedOutSearch()).toBe(200);

    process.env.REDSTRING_PUBLIC_READ = "false";
    forgetCachedConfig();
    expect(await signedOutSearch()).toBe(401);
  });
});

describe("a snapshot's note", () => {
  const view = (note: string, noteIsCaption?: boolean) => ({
    title,
    note,
    ...(noteIsCaption === undefined ? {} : { noteIsCaption }),
    nodes: [{ id: "company-thermo-fisher", x: 0, y: 0 }],
    viewport: { x1: -100, y1: -100, x2: 100, y2: 100 },
  });
  async function share(note: string, noteIsCaption?: boolean): Promise<string> {
    const { status, body } = await json<CreatedSnapshot>(createSnapshotRoute(send("editor", "POST", "/api/snapshots", view(note, noteIsCaption))));
    expect(status).toBe(201);
    return body.snapshot.id;
  }
  const read = (who: Who, id: string) => json<Snapshot>(snapshotRoute(get(who, `/api/snapshots/${id}`), { params: Promise.resolve({ id }) }));

  it("is private unless marked: signed-out readers of the permalink get none, the team reads it", async () => {
    const privateNote = "Source says the shipment went through Dubai; not yet confirmed.";
    const id = await share(privateNote);
    const outside = await read("signed out", id);
    expect(outside.status).toBe(200);
    expect(outside.body.note).toBe("");
    expect(outside.body.noteIsCaption).toBe(false);
    expect(JSON.stringify(outside.body)).not.toContain("Dubai");
    expect((await read("viewer", id)).body.note).toBe(privateNote);
    // Signed-out reading of the graph does not open private notes either.
    await setPublicRead("admin", true);
    expect((await read("signed out", id)).body.note).toBe("");
  });

  it("marked as the public caption, it is shown to everyone", async () => {
    const caption = "Who supplied the sequencers, as documented by the reports.";
    const id = await share(caption, true);
    const outside = await read("signed out", id);
    expect(outside.body).toMatchObject({ note: caption, noteIsCaption: true });
  });

  it("is stored with its choice: an older client that sends no flag gets a private note", async () => {
    const id = await share("no flag sent");
    const rows = await cypher("MATCH (s:Snapshot {id: $id}) RETURN s.noteIsCaption AS caption", { id });
    expect(rows).toEqual([{ caption: false }]);
  });
});
