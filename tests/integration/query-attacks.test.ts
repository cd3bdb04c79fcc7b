/**
 * The saved-query read boundary, attacked the way a hostile analyst would: more than sixty queries of our
 * own that try to read Redstring's internal records (users with their password hashes, saved queries and
 * their versions, snapshots with revoke-key hashes, change records, sessions) by every route we could
 * think of, to write, to reach files or the network, to abuse procedures and to exhaust the server. Each
 * goes through the real route handlers (POST /api/run-query as an analyst, and POST /api/queries to save
 * it) against the real Neo4j, with secrets planted first. Passing means: 0 leaks, 0 writes.
 *
 * The leak detector proves it can see a leak before it is trusted (the same secrets read by the test's
 * own driver are flagged), and the invariant the plan check relies on (no relationship joins an Entity to
 * anything else) is checked on the database itself.
 */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { POST as createQueryRoute } from "@/app/api/queries/route";
import { POST as runSavedRoute } from "@/app/api/queries/[id]/run/route";
import { POST as runDraftRoute } from "@/app/api/run-query/route";
import { forgetCachedConfig } from "@/lib/config";
import { closeDriver } from "@/lib/db/driver";
import { ENTITY_LABEL, RELATIONSHIP_TYPES } from "@/lib/model/registry";
import { createQuery } from "@/lib/queries/store";
import { createTestUsers, removeTestUsers, type TestUsers } from "../support/auth";
import { closeTestDriver, cypher } from "../support/neo4j";

const marker = `secret${randomBytes(6).toString("hex")}`;
const secrets = {
  email: `${marker}-user@example.test`,
  passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${marker}$hash`,
  queryCypher: `MATCH (n:Entity) RETURN '${marker}-cypher' AS x`,
  revokeKeyHash: `${marker}-revoke`,
  changeSummary: `${marker}-change`,
  sessionId: `${marker}-session`,
  relationshipNote: `${marker}-version-link`,
};
/** Words that only internal records hold: a 200 answer naming one read something it should not have. */
const INTERNAL_WORDS = ["passwordHash", "revokeKeyHash", "SavedQueryVersion", "ChangeRecord", "HAS_VERSION", "$argon2"];
/** Labels that request bookkeeping may write (rate limits, sessions, idempotency): not the analyst's writes. */
const BOOKKEEPING_LABEL = /RateLimit|Session|Idempotent/;

let users: TestUsers;
let userElementId = "";
let versionLinkElementId = "";
let plantedQueryId = "";
const BASE = "http://127.0.0.1:3000";

/**
 * A short run limit for this file, so the exhaustion attacks are stopped (by the engine's own check or by
 * the app's deadline a second later) however fast the machine is.
 */
const QUERY_TIMEOUT_MS = "2000";
const savedQueryTimeout = process.env.REDSTRING_QUERY_TIMEOUT_MS;

beforeAll(async () => {
  process.env.REDSTRING_QUERY_TIMEOUT_MS = QUERY_TIMEOUT_MS;
  forgetCachedConfig();
  users = await createTestUsers("attacks");
  const [user] = await cypher(
    `CREATE (u:User {id: $id, email: $email, name: 'Planted', role: 'admin', passwordHash: $hash, createdAt: datetime()})
     RETURN elementId(u) AS eid`,
    { id: `${marker}-uid`, email: secrets.email, hash: secrets.passwordHash },
  );
  userElementId = String(user?.eid);
  const [link] = await cypher(
    `CREATE (q:SavedQuery {id: $qid, title: $title, cypher: $cypher, version: 1, deletedAt: null})
       -[r:HAS_VERSION {note: $note}]->(:SavedQueryVersion {queryId: $qid, version: 1, cypher: $cypher})
     CREATE (:Snapshot {id: $sid, title: $title, revokeKeyHash: $revoke, revokedAt: datetime(), graphJson: $cypher})
     CREATE (:ChangeRecord {id: $cid, summary: $summary, actorId: $uid, at: datetime()})
     CREATE (:Session {id: $session, userId: $uid})
     RETURN elementId(r) AS eid`,
    {
      qid: `${marker}-q`,
      title: `${marker} planted`,
      cypher: secrets.queryCypher,
      note: secrets.relationshipNote,
      sid: `${marker}-s`,
      revoke: secrets.revokeKeyHash,
      cid: `${marker}-c`,
      summary: secrets.changeSummary,
      session: secrets.sessionId,
      uid: `${marker}-uid`,
    },
  );
  versionLinkElementId = String(link?.eid);
  // A saved query made while the checks were weaker: valid when saved, hostile now (edited in the database).
  const saved = await createQuery(users.analyst.actor, {
    title: `${marker} old query`,
    description: "",
    cypher: "MATCH (n:Entity) RETURN n.name AS name LIMIT 1",
    parameters: [],
    tags: [],
  });
  plantedQueryId = saved.id;
  await cypher(
    `MATCH (q:SavedQuery {id: $id})-[:HAS_VERSION]->(v) SET q.cypher = $hostile, v.cypher = $hostile`,
    { id: saved.id, hostile: "MATCH (n) WHERE id(n) = 0 RETURN n.email AS email, n.passwordHash AS hash" },
  );
});

afterAll(async () => {
  await cypher("MATCH (n) WHERE n.id STARTS WITH $marker OR n.queryId STARTS WITH $marker DETACH DELETE n", { marker });
  await cypher(
    "MATCH (q:SavedQuery) WHERE q.title STARTS WITH $marker OPTIONAL MATCH (q)-[:HAS_VERSION]->(v) DETACH DELETE q, v",
    { marker },
  );
  await removeTestUsers(users.prefix);
  if (savedQueryTimeout === undefined) delete process.env.REDSTRING_QUERY_TIMEOUT_MS;
  else process.env.REDSTRING_QUERY_TIMEOUT_MS = savedQueryTimeout;
  forgetCachedConfig();
  await closeDriver();
  await closeTestDriver();
});

/** Everything in the answer that would show a secret was read. */
function leaksIn(body: string, status: number): string[] {
  const found = Object.values(secrets).filter((secret) => body.includes(secret) || body.includes(JSON.stringify(secret).slice(1, -1)));
  if (body.includes(marker)) found.push(marker);
  // A refusal may repeat the label the analyst typed ("User" is not an entity label); an answer may not.
  if (status < 400) found.push(...INTERNAL_WORDS.filter((word) => body.includes(word)));
  return found;
}

/** Node counts per label set and relationship counts per type: any write shows here. */
async function fingerprint(): Promise<string> {
  const nodes = (await cypher("MATCH (n) RETURN labels(n) AS labels, count(*) AS count"))
    .map((row) => ({ labels: [...(row.labels as string[])].sort().join(":"), count: Number(row.count) }))
    .sort((a, b) => a.labels.localeCompare(b.labels));
  const relationships = await cypher("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type");
  const canary = await cypher("MATCH (n:Entity {id: 'company-thermo-fisher'}) RETURN properties(n) AS p");
  const users = await cypher("MATCH (u:User) RETURN u.email AS email, u.role AS role, u.passwordHash AS hash ORDER BY email");
  return JSON.stringify({
    nodes: nodes.filter((row) => !BOOKKEEPING_LABEL.test(String(row.labels))),
    relationships: relationships.filter((row) => !BOOKKEEPING_LABEL.test(String(row.type))),
    canary,
    users,
  });
}

function post(path: string, body: unknown, cookie: string | undefined): NextRequest {
  return new NextRequest(new URL(path, BASE), {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE, host: new URL(BASE).host, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

interface Attack {
  title: string;
  cypher: () => string;
  /** Most are refused before they run (422) or fail to parse (400); a few may run and must show nothing. */
  outcome: "refused" | "error" | "harmless" | "refused-or-error" | "stopped";
  parameters?: { name: string; type: "string"; required: boolean }[];
  values?: Record<string, string>;
  /** What the refusal must say (a schema listing points to the schema page). */
  message?: RegExp;
}

const refused = (title: string, text: string | (() => string)): Attack => ({
  title,
  cypher: typeof text === "string" ? () => text : text,
  outcome: "refused",
});

/** A schema listing: refused, and the refusal says where the analyst's schema is. */
const schemaListing = (title: string, text: string): Attack => ({ ...refused(title, text), message: /The schema page \(\/schema\)/ });

const ATTACKS: Attack[] = [
  // Looking records up by their internal ids.
  refused("node id seek", "MATCH (n) WHERE id(n) = 0 RETURN labels(n), n.email, n.passwordHash"),
  refused("node id range", "MATCH (n) WHERE id(n) IN range(0, 500) RETURN n.email, n.passwordHash"),
  refused("node id loop", "UNWIND range(0, 300) AS i MATCH (n) WHERE id(n) = i RETURN n.email, n.passwordHash"),
  refused("node elementId seek", () => `MATCH (n) WHERE elementId(n) = '${userElementId}' RETURN n.passwordHash`),
  refused("node elementId list", () => `MATCH (n) WHERE elementId(n) IN ['${userElementId}'] RETURN properties(n)`),
  refused("relationship id seek", "MATCH ()-[r]->() WHERE id(r) = 0 RETURN properties(r)"),
  refused("relationship id range", "MATCH ()-[r]->() WHERE id(r) IN range(0, 500) RETURN properties(r), startNode(r).cypher"),
  refused("relationship elementId seek", () => `MATCH ()-[r]-() WHERE elementId(r) = '${versionLinkElementId}' RETURN r.note, endNode(r).cypher`),
  refused("id relative to an entity", "MATCH (e:Entity) WITH e LIMIT 1 MATCH (n) WHERE id(n) = id(e) + 1 RETURN n.passwordHash"),
  refused("id seek via toInteger", "MATCH (n) WHERE id(n) = toInteger('0') RETURN keys(n)"),
  refused("optional id seek", "OPTIONAL MATCH (n) WHERE id(n) = 0 RETURN n.email"),
  refused("elementId seek after an entity", () => `MATCH (a:Entity) OPTIONAL MATCH (n) WHERE elementId(n) = '${userElementId}' RETURN n.passwordHash LIMIT 1`),
  refused("id seek in a subquery", "CALL () { MATCH (n) WHERE id(n) = 0 RETURN n } RETURN n.email"),
  refused("id seek in COLLECT", "RETURN COLLECT { MATCH (n) WHERE id(n) < 100 RETURN n.email } AS emails"),
  refused("id seek in an OR", "MATCH (n) WHERE n.id = 'x' OR id(n) = 0 RETURN n.email"),
  refused("id seek with CYPHER options", "CYPHER runtime=slotted MATCH (n) WHERE id(n) = 0 RETURN n.email"),
  // Scans and counts over everything.
  refused("all nodes", "MATCH (n) RETURN n.passwordHash"),
  refused("all nodes by property", "MATCH (n) WHERE n.email IS NOT NULL RETURN n.email"),
  refused("all nodes count", "MATCH (n) RETURN count(n)"),
  refused("count of users", "MATCH (u:User) RETURN count(u)"),
  refused("cartesian count", "MATCH (a), (b) RETURN count(*)"),
  refused("cartesian count with an entity", "MATCH (a:Entity), (b) RETURN count(*)"),
  refused("all relationships count", "MATCH ()-[r]->() RETURN count(r)"),
  refused("internal relationship count", "MATCH ()-[r:HAS_VERSION]->() RETURN count(r)"),
  refused("all relationships", "MATCH ()-[r]-() RETURN r LIMIT 5"),
  refused("negated entity label", "MATCH (n:!Entity) RETURN n"),
  refused("not an entity", "MATCH (n) WHERE NOT n:Entity RETURN properties(n)"),
  refused("labels() filter", "MATCH (n) WHERE 'User' IN labels(n) RETURN n"),
  refused("users by label", "MATCH (u:User) RETURN u.email, u.passwordHash"),
  refused("quoted user label", "MATCH (u:`User`) RETURN u"),
  refused("snapshots", "MATCH (s:Snapshot) RETURN s.revokeKeyHash, s.graphJson"),
  refused("saved queries", "MATCH (q:SavedQuery) RETURN q.cypher"),
  // Entity resolution's records (lib/resolution/schema.ts): who judged which pair is the newsroom's own.
  refused("match candidates", "MATCH (c:MatchCandidate) RETURN c.leftId, c.rightId, c.reasons"),
  refused("match judgements", "MATCH (j:MatchJudgement) RETURN j.byName, j.judgement"),
  refused("match judgements by a label test", "MATCH (n) WHERE n:MatchJudgement RETURN n.byId"),
  refused("saved query versions", "MATCH (v:SavedQueryVersion) RETURN v"),
  refused("change records", "MATCH (c:ChangeRecord) RETURN c"),
  refused("sessions", "MATCH (s:Session) RETURN s.id"),
  refused("entity or user", "MATCH (n:Entity|User) RETURN n.passwordHash"),
  refused("entity and user", "MATCH (n:Entity) WHERE n:User RETURN n"),
  refused("dynamic label", "MATCH (n:$('User')) RETURN n"),
  refused("wildcard label", "MATCH (n:%) RETURN n.email"),
  refused("internal relationship type", "MATCH (a)-[r:HAS_VERSION]->(b) RETURN b.cypher, r.note"),
  refused("COUNT subquery over users", "RETURN COUNT { MATCH (u:User) } AS users"),
  refused("EXISTS as an oracle", "RETURN EXISTS { MATCH (u:User) WHERE u.passwordHash STARTS WITH '$argon2' } AS probe"),
  refused("EXISTS in a filter", "MATCH (e:Entity) WHERE EXISTS { MATCH (u:User) WHERE u.email STARTS WITH 'a' } RETURN count(e)"),
  refused("UNION with users", "MATCH (n:Entity) RETURN n.name AS x UNION MATCH (u:User) RETURN u.email AS x"),
  refused("OPTIONAL MATCH of users", "MATCH (n:Entity) OPTIONAL MATCH (u:User) RETURN n.name, u.email LIMIT 1"),
  // Procedures: schema listings, other indexes, admin and extension procedures.
  schemaListing("db.propertyKeys", "CALL db.propertyKeys()"),
  schemaListing("db.labels", "CALL db.labels() YIELD label RETURN label"),
  schemaListing("db.relationshipTypes", "CALL db.relationshipTypes()"),
  schemaListing("db.schema.visualization", "CALL db.schema.visualization()"),
  schemaListing("db.schema.nodeTypeProperties", "CALL db.schema.nodeTypeProperties()"),
  schemaListing("db.schema.relTypeProperties", "CALL db.schema.relTypeProperties() YIELD relType, propertyName RETURN relType, propertyName"),
  schemaListing("quoted db.labels", "CALL `db`.`labels`()"),
  schemaListing("db.labels without parentheses", "CALL db.labels"),
  schemaListing("db.labels in capitals", "CALL DB.LABELS() YIELD label RETURN label"),
  schemaListing("db.labels with spaces around the dot", "CALL db . labels () YIELD label RETURN label"),
  schemaListing("db.labels in a subquery", "MATCH (n:Entity) CALL () { CALL db.labels() YIELD label RETURN label } RETURN DISTINCT label"),
  schemaListing("db.propertyKeys after an entity", "MATCH (n:Entity) WITH n LIMIT 1 CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey"),
  schemaListing("apoc.meta.schema", "CALL apoc.meta.schema() YIELD value RETURN value"),
  refused("full-text on another index", "CALL db.index.fulltext.queryNodes('user_email', 'x') YIELD node RETURN node.email"),
  {
    title: "full-text on an index named by a parameter",
    cypher: () => "CALL db.index.fulltext.queryNodes($index, 'x') YIELD node RETURN node.email",
    parameters: [{ name: "index", type: "string", required: true }],
    values: { index: "entity_search" },
    outcome: "refused",
  },
  refused("full-text with a quoted procedure name", "CALL `db`.`index`.`fulltext`.`queryNodes`('user_email', 'x') YIELD node RETURN node"),
  refused("full-text on relationships", "CALL db.index.fulltext.queryRelationships('entity_search', 'x') YIELD relationship RETURN relationship"),
  schemaListing("full-text then db.labels", "CALL db.index.fulltext.queryNodes('entity_search', 'x') YIELD node CALL db.labels() YIELD label RETURN label"),
  refused("dbms.listConfig", "CALL dbms.listConfig() YIELD name, value RETURN name, value"),
  refused("dbms.showCurrentUser", "CALL dbms.showCurrentUser()"),
  refused("dbms.queryJmx", "CALL dbms.queryJmx('*:*')"),
  refused("apoc", "CALL apoc.help('load')"),
  refused("SHOW USERS", "SHOW USERS"),
  refused("SHOW INDEXES", "SHOW INDEXES"),
  refused("SHOW TRANSACTIONS", "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery"),
  refused("SHOW PROCEDURES", "SHOW PROCEDURES YIELD name RETURN name"),
  // Text that reads differently from what runs.
  refused("USE after a comment ending in CR", "// harmless\rUSE system SHOW USERS"),
  refused("scan after a comment ending in CR", "// harmless\rMATCH (n) RETURN n.passwordHash"),
  refused("line separator hiding a clause", "MATCH (n:Entity) RETURN n // \u2028 MATCH (u:User) RETURN u"),
  refused("next-line character", "MATCH (n:Entity) RETURN n.name\u0085// x"),
  refused("right-to-left override", "MATCH (n:Entity) RETURN n.name /* \u202E */"),
  refused("USE of this database", "USE neo4j MATCH (n) RETURN n"),
  refused("USE in a subquery", "MATCH (n:Entity) CALL { USE system SHOW USERS } RETURN n"),
  refused("EXPLAIN", "CYPHER 5 EXPLAIN MATCH (n) RETURN n"),
  refused("PROFILE", "PROFILE MATCH (n:Entity) RETURN n"),
  refused("write behind a block comment", "MATCH (n:Entity) /* */ CREATE (x:Entity {id: 'pwned-x'}) RETURN n"),
  // Writes.
  refused("CREATE", "CREATE (:Entity:Company {id: 'pwned-c', name: 'x'})"),
  refused("SET on an entity", "MATCH (n:Entity {id: 'company-thermo-fisher'}) SET n.name = 'pwned'"),
  refused("SET on users", "MATCH (u:User) SET u.role = 'admin'"),
  refused("MERGE a user", "MERGE (u:User {email: 'pwned@example.test'})"),
  refused("SET in a subquery", "MATCH (n:Entity) CALL (n) { SET n.pwned = true } RETURN n"),
  refused("FOREACH CREATE", "FOREACH (x IN [1] | CREATE (:User {email: 'pwned'}))"),
  refused("DETACH DELETE", "MATCH (n:Entity) DETACH DELETE n"),
  refused("REMOVE a label", "MATCH (n:Entity) REMOVE n:Entity"),
  refused("IN TRANSACTIONS", "UNWIND [1] AS x CALL (x) { CREATE (:Pwned) } IN TRANSACTIONS"),
  refused("INSERT", "INSERT (:Pwned {id: 'pwned-i'})"),
  refused("db.createLabel", "CALL db.createLabel('Pwned')"),
  refused("CREATE INDEX", "CREATE INDEX pwned IF NOT EXISTS FOR (n:Entity) ON (n.pwned)"),
  refused("DROP CONSTRAINT", "DROP CONSTRAINT entity_id_unique"),
  refused("CREATE USER", "CREATE USER pwned SET PASSWORD 'pwned-password'"),
  refused("STOP DATABASE", "STOP DATABASE neo4j"),
  // Files and the network.
  refused("LOAD CSV of a file", "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row"),
  refused("LOAD CSV of a URL", "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row"),
  refused("LOAD CSV in a subquery", "CALL () { LOAD CSV FROM 'file:///etc/hostname' AS row RETURN row } RETURN row"),
  // Resource exhaustion: stopped by the run's time or memory cap, never by the server falling over. They
  // are reads, so saving them is allowed; running them is what is stopped.
  { title: "a huge collect()", cypher: () => "UNWIND range(1, 200000000) AS x RETURN size(collect(x)) AS n", outcome: "stopped" },
  {
    // Neo4j checks its timeout between rows, not inside one expression: the app's own deadline answers.
    title: "a long loop inside one expression",
    cypher: () => "RETURN reduce(s = 0, x IN range(1, 500000000) | s + x) AS n",
    outcome: "stopped",
  },
  // Allowed shapes that reach only entities: they run, and must show nothing internal.
  { title: "neighbours that are not entities", cypher: () => "MATCH (n:Entity)--(m) WHERE NOT m:Entity RETURN m LIMIT 5", outcome: "harmless" },
  { title: "keys of every entity", cypher: () => "MATCH (n:Entity) UNWIND keys(n) AS key RETURN DISTINCT key", outcome: "harmless" },
  { title: "paths from an entity", cypher: () => "MATCH p = (n:Entity)-[*1..2]-(m) RETURN nodes(p) LIMIT 50", outcome: "harmless" },
  { title: "full-text search of everything", cypher: () => "CALL db.index.fulltext.queryNodes('entity_search', 'a* OR e* OR i*') YIELD node RETURN properties(node) LIMIT 100", outcome: "harmless" },
  // Not even valid: an error, and still nothing shown.
  { title: "unknown function", cypher: () => "RETURN graph.names() AS names", outcome: "error" },
  { title: "unknown procedure", cypher: () => "CALL db.indexes()", outcome: "refused-or-error" },
];

describe("the leak detector", () => {
  it("sees the planted secrets when they are read (by the test's own driver)", async () => {
    const rows = await cypher("MATCH (u:User {email: $email}) RETURN u.email AS email, u.passwordHash AS hash", { email: secrets.email });
    const body = JSON.stringify({ rows });
    expect(leaksIn(body, 200)).toEqual(expect.arrayContaining([secrets.email, secrets.passwordHash, marker, "$argon2"]));
    const versions = await cypher("MATCH (q:SavedQuery {id: $id})-[r:HAS_VERSION]->(v) RETURN r.note AS note, v.cypher AS c", { id: `${marker}-q` });
    expect(leaksIn(JSON.stringify(versions), 200)).toEqual(expect.arrayContaining([secrets.relationshipNote, secrets.queryCypher]));
  });

  it("relies on an invariant that holds: no relationship joins an entity to anything else", async () => {
    const [mixed] = await cypher(`MATCH (e:${ENTITY_LABEL})--(x) WHERE NOT x:${ENTITY_LABEL} RETURN count(*) AS n`);
    expect(Number(mixed?.n)).toBe(0);
    const [registryOutside] = await cypher(
      `MATCH (a)-[r]->(b) WHERE type(r) IN $types AND NOT (a:${ENTITY_LABEL} AND b:${ENTITY_LABEL}) RETURN count(r) AS n`,
      { types: [...RELATIONSHIP_TYPES] },
    );
    expect(Number(registryOutside?.n)).toBe(0);
  });
});

describe(`${ATTACKS.length} hostile queries through the API`, () => {
  it("has at least sixty", () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(60);
  });

  for (const attack of ATTACKS) {
    it(`${attack.outcome === "harmless" ? "shows nothing internal for" : "refuses"} ${attack.title}`, async () => {
      const before = await fingerprint();
      const body = { cypher: attack.cypher(), parameters: attack.parameters ?? [], values: attack.values ?? {} };
      const response = await runDraftRoute(post("/api/run-query", body, users.analyst.cookie));
      const text = await response.text();
      expect(leaksIn(text, response.status), `${response.status} ${text.slice(0, 300)}`).toEqual([]);
      if (attack.outcome === "harmless") expect(response.status, text.slice(0, 300)).toBe(200);
      if (attack.outcome === "refused" || attack.outcome === "stopped") {
        expect(response.status, text.slice(0, 300)).toBe(422);
        expect(JSON.parse(text).error).toEqual(expect.any(String));
        if (attack.message) expect(JSON.parse(text).error).toMatch(attack.message);
      }
      if (attack.outcome === "error") expect(response.status, text.slice(0, 300)).toBe(400);
      if (attack.outcome === "refused-or-error") expect([400, 422], text.slice(0, 300)).toContain(response.status);
      expect(text).not.toMatch(/org\.neo4j|java\.|\bat [\w$.]+\(/);

      if (attack.outcome !== "harmless" && attack.outcome !== "stopped") {
        // Saving it is refused the same way, so it can never reach a viewer's Run button.
        const save = await createQueryRoute(
          post("/api/queries", { title: `${marker} ${attack.title}`, description: "", tags: [], ...body, values: undefined }, users.analyst.cookie),
        );
        const saveText = await save.text();
        expect(save.status, saveText.slice(0, 300)).toBeGreaterThanOrEqual(400);
        expect(save.status).toBeLessThan(500);
        expect(leaksIn(saveText, save.status)).toEqual([]);
      }
      expect(await fingerprint()).toBe(before);
    });
  }
});

describe("a saved query that breaks the rule", () => {
  it("is refused when a viewer runs it, with the reason", async () => {
    const response = await runSavedRoute(post(`/api/queries/${plantedQueryId}/run`, { values: {} }, users.viewer.cookie), {
      params: Promise.resolve({ id: plantedQueryId }),
    });
    const text = await response.text();
    expect(response.status).toBe(422);
    expect(JSON.parse(text)).toMatchObject({ details: { reason: "id-lookup" } });
    expect(JSON.parse(text).error).toMatch(/id\(\) or elementId\(\)/);
    expect(leaksIn(text, response.status)).toEqual([]);
  });

  it("is refused for a signed-out reader too (or they are not let in at all)", async () => {
    const response = await runSavedRoute(post(`/api/queries/${plantedQueryId}/run`, { values: {} }, undefined), {
      params: Promise.resolve({ id: plantedQueryId }),
    });
    const text = await response.text();
    expect([401, 403, 422]).toContain(response.status);
    expect(leaksIn(text, response.status)).toEqual([]);
  });
});
