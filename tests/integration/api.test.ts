/**
 * The route handlers, called as Next.js calls them, against the real database: status codes and messages
 * for good and bad input. No mocks: the handlers reach Neo4j through the data layer.
 */
import { NextRequest } from "next/server";
import { GET as entityRoute } from "@/app/api/entities/[id]/route";
import { GET as neighboursRoute } from "@/app/api/entities/[id]/neighbours/route";
import { GET as graphRoute } from "@/app/api/graph/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as searchRoute } from "@/app/api/search/route";
import { closeDriver } from "@/lib/db/driver";
import { createTestUser, removeTestUsers, type TestUser } from "../support/auth";
import { closeTestDriver, uniquePrefix } from "../support/neo4j";

const readerPrefix = uniquePrefix("api-reader");
let reader: TestUser;
beforeAll(async () => {
  reader = await createTestUser(readerPrefix, "viewer");
});

afterAll(async () => {
  await removeTestUsers(readerPrefix);
  await closeDriver();
  await closeTestDriver();
});

// Reading needs an account on a new instance (private by default): these requests come from a signed-in viewer.
const request = (path: string) => new NextRequest(new URL(path, "http://127.0.0.1"), { headers: { cookie: reader.cookie } });
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

async function call(response: Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

describe("GET /api/search", () => {
  it("answers hits for a name", async () => {
    const { status, body } = await call(searchRoute(request("/api/search?q=thermo%20fischer")));
    expect(status).toBe(200);
    expect((body.results as { id: string }[])[0]?.id).toBe("company-thermo-fisher");
  });

  it.each([
    ["empty text", "/api/search?q=", "Type something"],
    ["no text at all", "/api/search", "Type something"],
    ["10 kB of text", `/api/search?q=${"a".repeat(10_000)}`, "too long"],
    ["a lone quote", `/api/search?q=${encodeURIComponent('"')}`, "letter or digit"],
    ["a non-numeric limit", "/api/search?q=thermo&limit=abc", "whole number"],
    ["a limit out of range", "/api/search?q=thermo&limit=5000", "at most 50"],
    ["an unknown type", "/api/search?q=thermo&type=Spaceship", "type"],
    ["an unknown parameter", "/api/search?q=thermo&junk=1", "junk"],
    ["a repeated parameter", "/api/search?q=thermo&q=rubio", "more than once"],
  ])("answers 400 with a message for %s", async (_label, path, message) => {
    const { status, body } = await call(searchRoute(request(path)));
    expect(status).toBe(400);
    expect(String(body.error)).toContain(message);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("answers 200 for Lucene operators typed as text", async () => {
    const { status } = await call(searchRoute(request(`/api/search?q=${encodeURIComponent("AND (")}`)));
    expect(status).toBe(200);
  });
});

describe("GET /api/entities/{id}", () => {
  it("answers the entity with its degree", async () => {
    const { status, body } = await call(entityRoute(request("/api/entities/legislator-marco-rubio"), withId("legislator-marco-rubio")));
    expect(status).toBe(200);
    expect(body.entity).toMatchObject({ id: "legislator-marco-rubio", type: "Legislator", name: "Marco Rubio" });
    expect(body.degree).toBeGreaterThan(0);
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    expect((await call(entityRoute(request("/api/entities/nobody"), withId("nobody")))).status).toBe(404);
    const malformed = await call(entityRoute(request("/api/entities/x"), withId("<script>")));
    expect(malformed.status).toBe(400);
    expect(String(malformed.body.error)).toContain("id may hold only");
  });
});

describe("GET /api/entities/{id}/neighbours", () => {
  it("answers Rubio's neighbours with the sources of each relationship", async () => {
    const { status, body } = await call(
      neighboursRoute(request("/api/entities/legislator-marco-rubio/neighbours"), withId("legislator-marco-rubio")),
    );
    expect(status).toBe(200);
    const edges = body.edges as { id: string; sources: { name: string }[]; quote: string }[];
    const urging = edges.find((edge) => edge.id === "rel-rubio-acted-in-urging");
    expect(urging?.sources[0]?.name).toBe("Thermo Fisher to Stop Sales of Genetic Sequencers to China's Xinjiang Region");
    expect(urging?.quote).toContain("urged the company");
  });

  it.each([
    ["/api/entities/legislator-marco-rubio/neighbours?limit=0", 400],
    ["/api/entities/legislator-marco-rubio/neighbours?offset=-1", 400],
    ["/api/entities/legislator-marco-rubio/neighbours?type=Nope", 400],
    ["/api/entities/legislator-marco-rubio/neighbours?page=2", 400],
  ])("answers 400 for %s", async (path, status) => {
    expect((await call(neighboursRoute(request(path), withId("legislator-marco-rubio")))).status).toBe(status);
  });

  it("answers 404 for an unknown entity", async () => {
    expect((await call(neighboursRoute(request("/api/entities/nobody/neighbours"), withId("nobody")))).status).toBe(404);
  });
});

describe("GET /api/graph", () => {
  it("answers the subgraph of the listed ids", async () => {
    const { status, body } = await call(
      graphRoute(request("/api/graph?ids=legislator-marco-rubio,agency-cecc,nobody")),
    );
    expect(status).toBe(200);
    expect((body.nodes as unknown[]).length).toBe(2);
    expect((body.edges as { id: string }[]).map((edge) => edge.id)).toContain("rel-rubio-member-of-cecc");
    expect(body.missing).toEqual(["nobody"]);
  });

  it.each(["/api/graph", "/api/graph?ids=", "/api/graph?ids=Bad%20Id", `/api/graph?ids=${Array.from({ length: 501 }, (_, i) => `n${i}`).join(",")}`])(
    "answers 400 for %s",
    async (path) => {
      expect((await call(graphRoute(request(path)))).status).toBe(400);
    },
  );
});

describe("GET /api/health", () => {
  it("answers ok and says nothing about the data (it is public)", async () => {
    const { status, body } = await call(healthRoute());
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok", database: "reachable" });
  });
});
