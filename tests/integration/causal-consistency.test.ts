/**
 * Read-your-own-writes through a routing (`neo4j://`) URI, as in a cluster: a write answers with the
 * bookmark cookie (lib/bookmark-cookie.ts), and the browser's next request, answered by another server
 * (a fresh driver and bookmark manager: what a second replica has), reads with it and sees the write. A
 * read given a bookmark the database has not reached waits for that write, as a follower would; a cookie
 * that is forged or malformed is ignored, the read answers all the same.
 */
import neo4j from "neo4j-driver";
import { NextRequest } from "next/server";
import { GET as meRoute } from "@/app/api/auth/me/route";
import { POST as signInRoute } from "@/app/api/auth/signin/route";
import { GET as entityRoute } from "@/app/api/entities/[id]/route";
import { POST as createEntityRoute } from "@/app/api/entities/route";
import { BOOKMARK_COOKIE, BOOKMARK_COOKIE_SECONDS, openBookmarks, sealBookmarks } from "@/lib/bookmark-cookie";
import { forgetCachedConfig, getConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import type { EditResult } from "@/lib/editing/edits";
import { SESSION_COOKIE } from "@/lib/auth/session";
import { TEST_PASSWORD, createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { bookmarkAhead, bookmarkTransaction } from "../support/bookmarks";
import { closeTestDriver, cypher, deleteByPrefix, requireNeo4jUri, testDriver, uniquePrefix } from "../support/neo4j";
import { SAME_ORIGIN, TEST_BASE } from "../support/requests";

const prefix = uniquePrefix("bookmarks");
const savedUri = process.env.NEO4J_URI;
const created: string[] = [];
let users: TestUsers;

/** The same server through the routing driver: it asks for a routing table and sends reads to readers. */
const routingUri = () => requireNeo4jUri().replace(/^bolt(\+s|\+ssc)?:/, "neo4j$1:");

/** Another replica answers the next request: its own driver and bookmark manager, none of this one's. */
async function anotherServer() {
  await closeDriver();
}

beforeAll(async () => {
  process.env.NEO4J_URI = routingUri();
  forgetCachedConfig();
  await closeDriver();
  users = await createTestUsers("bookmarks");
});

afterAll(async () => {
  await cypher("MATCH (c:ChangeRecord) WHERE c.actorId = $id DETACH DELETE c", { id: users.editor.id });
  await cypher("MATCH (n:Entity) WHERE n.id IN $ids DETACH DELETE n", { ids: created });
  await deleteByPrefix(prefix);
  await removeTestUsers(users.prefix);
  await closeDriver();
  process.env.NEO4J_URI = savedUri;
  forgetCachedConfig();
  await closeTestDriver();
});

const readEntity = (id: string, cookie: string) =>
  entityRoute(new NextRequest(new URL(`/api/entities/${id}`, TEST_BASE), { headers: { cookie } }), {
    params: Promise.resolve({ id }),
  });

/** The bookmark cookie a response sets: its value and attributes. */
function bookmarkCookieOf(response: Response): { value: string; attributes: string[] } | null {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${BOOKMARK_COOKIE}=`));
  if (!header) return null;
  const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
  return { value: decodeURIComponent(pair.slice(BOOKMARK_COOKIE.length + 1)), attributes: attributes.map((a) => a.toLowerCase()) };
}

/** A committed write of the test's own and its bookmark. */
async function writeDirectly(query: string, params: Record<string, unknown>): Promise<string> {
  const session = testDriver().session({ database: getConfig().neo4jDatabase, defaultAccessMode: neo4j.session.WRITE });
  try {
    await session.executeWrite((tx) => tx.run(query, params));
    const [bookmark] = session.lastBookmarks();
    if (!bookmark) throw new Error("the write gave no bookmark");
    return bookmark;
  } finally {
    await session.close();
  }
}

it("runs the app through the routing driver in this file", () => {
  expect(getConfig().neo4jUri.startsWith("neo4j")).toBe(true);
});

it("answers a write with a short-lived HttpOnly bookmark cookie, and another server reads the write with it", async () => {
  const name = `${prefix} Causal NGO`;
  const response = await createEntityRoute(
    new NextRequest(new URL("/api/entities", TEST_BASE), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: users.editor.cookie, ...SAME_ORIGIN },
      body: JSON.stringify({ entity: { type: "Organization", name } }),
    }),
  );
  expect(response.status).toBe(201);
  const body = (await response.json()) as EditResult;
  created.push(body.id);

  const cookie = bookmarkCookieOf(response);
  expect(cookie).not.toBeNull();
  expect(cookie?.attributes).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/", `max-age=${BOOKMARK_COOKIE_SECONDS}`]));
  const bookmarks = openBookmarks(cookie?.value);
  expect(bookmarks).toHaveLength(1);
  // A bookmark of this database: a session of the test's own accepts it and reads the write after it.
  const check = testDriver().session({ database: getConfig().neo4jDatabase, bookmarks, defaultAccessMode: neo4j.session.READ });
  try {
    const seen = await check.executeRead((tx) => tx.run("MATCH (n:Entity {id: $id}) RETURN n.name AS name", { id: body.id }));
    expect(seen.records.map((record) => record.get("name"))).toEqual([name]);
  } finally {
    await check.close();
  }

  await anotherServer();
  const read = await readEntity(body.id, `${users.editor.cookie}; ${BOOKMARK_COOKIE}=${encodeURIComponent(cookie?.value ?? "")}`);
  expect(read.status).toBe(200);
  expect(((await read.json()) as { entity: { id: string; name: string } }).entity).toMatchObject({ id: body.id, name });
  // A read sets no bookmark: only writes move the browser's bookmark on.
  expect(bookmarkCookieOf(read)).toBeNull();
});

it("signs in with a bookmark: the new session is found by the next request on another server", async () => {
  const response = await signInRoute(
    new NextRequest(new URL("/api/auth/signin", TEST_BASE), {
      method: "POST",
      headers: { "content-type": "application/json", ...SAME_ORIGIN },
      body: JSON.stringify({ email: users.viewer.email, password: TEST_PASSWORD }),
    }),
  );
  expect(response.status).toBe(200);
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))?.split(";")[0];
  const bookmark = bookmarkCookieOf(response);
  expect(session).toBeDefined();
  // One bookmark, or two when the sign-in's writes (the attempt counter, the session) overlapped: the
  // browser then waits for both (session.ts withWrite). Either way, the next server must see the session.
  expect(openBookmarks(bookmark?.value).length).toBeGreaterThanOrEqual(1);

  await anotherServer();
  const me = await meRoute(
    new NextRequest(new URL("/api/auth/me", TEST_BASE), {
      headers: { cookie: `${session}; ${BOOKMARK_COOKIE}=${encodeURIComponent(bookmark?.value ?? "")}` },
    }),
  );
  expect(((await me.json()) as { user: { id: string } | null }).user?.id).toBe(users.viewer.id);
});

/**
 * One try: a bookmark of the next transaction, a read that waits for it, then the write that becomes that
 * transaction. Another transaction on the database (a background task, the driver's own) can take that
 * id first; the try then says so, and the read it released proves nothing.
 */
async function waitForTheNextWrite(id: string) {
  const latest = await writeDirectly("CREATE (:BookmarkProbe {id: $id})", { id: `${prefix}probe` });
  // The bookmark of the next transaction: the write the browser made through another server, which this
  // server's database has not applied yet.
  const cookie = `${users.viewer.cookie}; ${BOOKMARK_COOKIE}=${encodeURIComponent(sealBookmarks([bookmarkAhead(latest, 1)]) ?? "")}`;

  await anotherServer();
  let settled = false;
  const waiting = readEntity(id, cookie).finally(() => {
    settled = true;
  });
  // Without the bookmark, the same read sent after it answers at once: not there yet.
  const without = (await readEntity(id, users.viewer.cookie)).status;
  const settledBefore = settled;

  const written = await writeDirectly(
    "CREATE (:Entity:Organization {id: $id, name: 'Written later', aliases: [], aliasText: '', createdAt: datetime(), updatedAt: datetime()})",
    { id },
  );
  const answer = await waiting;
  const ourWriteWasNext = bookmarkTransaction(written) === bookmarkTransaction(latest) + 1n;
  // Inconclusive tries, taken again: a read that gave up waiting (503: its deadline passed on a loaded
  // machine before the write came), and a 404, whether it came before the write or after it. Both 404s
  // were seen in CI, once each in about ten runs, with the next try passing; their cause is not known yet
  // (docs/OPERATIONS.md). A read that never waits answers 404 before the write on every try, so the test
  // still fails on that, after the last try.
  const gaveUp = answer.status === 503 || answer.status === 404;
  if (!ourWriteWasNext || gaveUp) await cypher("MATCH (n:Entity {id: $id}) DETACH DELETE n", { id });
  return { ourWriteWasNext, gaveUp, without, settledBefore, answer };
}

it("makes a read with the browser's bookmark wait until the database has that write", async () => {
  const id = `${prefix}later`;
  let attempt = await waitForTheNextWrite(id);
  for (let retries = 0; (!attempt.ourWriteWasNext || attempt.gaveUp) && retries < 8; retries += 1) attempt = await waitForTheNextWrite(id);
  expect(attempt.ourWriteWasNext).toBe(true);
  expect(attempt.without).toBe(404);
  expect(attempt.settledBefore, `the read with the bookmark answered ${attempt.answer.status} before the write it waits for`).toBe(false);
  expect(attempt.answer.status).toBe(200);
  expect(((await attempt.answer.json()) as { entity: { id: string } }).entity.id).toBe(id);
  await cypher("MATCH (p:BookmarkProbe) WHERE p.id STARTS WITH $prefix DELETE p", { prefix });
});

it.each([
  ["malformed", "not-a-bookmark-cookie"],
  ["oversized", "x".repeat(4_096)],
  ["forged (a bookmark far ahead, not signed by the app)", `${Buffer.from("FB:kcwQAAAAAAAAAAAAAAAAAAAAAAvLf_____").toString("base64url")}.AAAA`],
])("ignores a %s bookmark cookie: the read answers as without one", async (_, value) => {
  const [entity] = await cypher("MATCH (n:Entity) RETURN n.id AS id ORDER BY n.id LIMIT 1");
  const id = String(entity?.id);
  const answer = await readEntity(id, `${users.viewer.cookie}; ${BOOKMARK_COOKIE}=${encodeURIComponent(value)}`);
  expect(answer.status).toBe(200);
  expect(((await answer.json()) as { entity: { id: string } }).entity.id).toBe(id);
});
