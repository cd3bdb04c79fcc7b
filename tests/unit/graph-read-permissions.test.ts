/**
 * The graph reads check "graph:read" themselves, in the data-access layer, before touching Neo4j: a
 * signed-out actor the instance does not let read is refused by the function itself (401, the same message
 * the route handlers answer with), and no transaction is ever opened. The database layer is replaced by
 * spies that fail the test if anything reaches it.
 */
import { vi } from "vitest";

const { touched, refuse } = vi.hoisted(() => {
  const touched = { count: 0 };
  const refuse = () => {
    touched.count += 1;
    return Promise.reject(new Error("the database was touched"));
  };
  return { touched, refuse };
});

vi.mock("@/lib/database", () => ({ ensureDatabaseReady: refuse, read: refuse, write: refuse }));
vi.mock("@/lib/db/session", () => ({ runRead: refuse, runWrite: refuse, runSchemaStatement: refuse }));

import { UnauthorizedError } from "@/lib/auth/permissions";
import { SIGNED_OUT, type Actor } from "@/lib/auth/roles";
import { getClaims } from "@/lib/explore/claims";
import { forgetCachedConfig } from "@/lib/config";
import { getEntity, getNeighbours, getSubgraph } from "@/lib/explore/entities";
import { wholeGraphExport } from "@/lib/export/whole-graph";
import { getNeighbourSummary } from "@/lib/explore/neighbour-summary";
import { findPaths } from "@/lib/explore/paths";
import { searchEntities } from "@/lib/explore/search";

const VIEWER: Actor = { user: { id: "u1", email: "viewer@example.test", name: "Viewer", role: "viewer" } };

const reads: [string, (actor: Actor) => Promise<unknown>][] = [
  ["searchEntities", (actor) => searchEntities(actor, "thermo", { limit: 5 })],
  ["getEntity", (actor) => getEntity(actor, "company-thermo-fisher")],
  ["getNeighbours", (actor) => getNeighbours(actor, "company-thermo-fisher", { limit: 10, offset: 0 })],
  ["getSubgraph", (actor) => getSubgraph(actor, ["company-thermo-fisher"])],
  ["findPaths", (actor) => findPaths(actor, "company-thermo-fisher", "legislator-marco-rubio", { k: 1, maxLength: 4, avoid: [] })],
  ["getClaims", (actor) => getClaims(actor, "report-x", { limit: 10, offset: 0 })],
  ["getNeighbourSummary", (actor) => getNeighbourSummary(actor, "company-thermo-fisher")],
  // The export checks when it is called, before the first chunk is pulled (and so before the response).
  ["wholeGraphExport", async (actor) => wholeGraphExport(actor, "nodes.csv")],
];

beforeEach(() => {
  vi.stubEnv("NEO4J_URI", "bolt://127.0.0.1:7687");
  vi.stubEnv("REDSTRING_PUBLIC_READ", "false");
  forgetCachedConfig();
  touched.count = 0;
});

afterEach(() => {
  vi.unstubAllEnvs();
  forgetCachedConfig();
});

describe("graph reads in the data-access layer", () => {
  it.each(reads)("%s refuses a signed-out actor whom the instance does not let read, before touching Neo4j", async (_name, call) => {
    const refused = call(SIGNED_OUT);
    await expect(refused).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(refused).rejects.toMatchObject({ status: 401, message: "Sign in to read the graph." });
    expect(touched.count).toBe(0);
  });

  it.each(reads.filter(([name]) => name !== "wholeGraphExport"))("%s lets a signed-in viewer through to the database", async (_name, call) => {
    await expect(call(VIEWER)).rejects.toThrow("the database was touched");
    expect(touched.count).toBeGreaterThan(0);
  });

  it("wholeGraphExport lets a signed-in viewer through, and reads only as the download is pulled", async () => {
    const chunks = wholeGraphExport(VIEWER, "nodes.csv");
    expect(touched.count).toBe(0);
    expect((await chunks.next()).value).toBe("id,type,name,properties\r\n");
    await expect(chunks.next()).rejects.toThrow("the database was touched");
  });

  it("lets a signed-out actor through when the instance lets signed-out visitors read (actor.publicRead)", async () => {
    // lib/auth/session.ts makes this actor for a signed-out request while the setting (or the environment) says yes.
    await expect(searchEntities({ user: null, publicRead: true }, "thermo", { limit: 5 })).rejects.toThrow("the database was touched");
  });

  it("refuses a signed-out actor made without asking the instance, even with REDSTRING_PUBLIC_READ on", async () => {
    vi.stubEnv("REDSTRING_PUBLIC_READ", "true");
    forgetCachedConfig();
    await expect(searchEntities(SIGNED_OUT, "thermo", { limit: 5 })).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
