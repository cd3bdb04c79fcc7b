/**
 * A database that cannot be reached answers 503 with a message, not a 500 or a stack trace. This file
 * points the app at a port where nothing listens, before any app module is loaded.
 */
import net from "node:net";
import { NextRequest } from "next/server";

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("when Neo4j is down", () => {
  const saved = process.env.NEO4J_URI;

  beforeAll(async () => {
    const { closeDriver } = await import("@/lib/db/driver");
    await closeDriver();
    process.env.NEO4J_URI = `bolt://127.0.0.1:${await closedPort()}`;
  });

  afterAll(async () => {
    const { closeDriver } = await import("@/lib/db/driver");
    await closeDriver();
    process.env.NEO4J_URI = saved;
  });

  it("search answers 503 with a readable message", async () => {
    const { GET } = await import("@/app/api/search/route");
    const response = await GET(new NextRequest("http://127.0.0.1/api/search?q=thermo"));
    expect(response.status).toBe(503);
    expect((await response.json()).error).toMatch(/database is not reachable/);
  });

  it("an entity answers 503 too", async () => {
    const { GET } = await import("@/app/api/entities/[id]/route");
    const response = await GET(new NextRequest("http://127.0.0.1/api/entities/company-thermo-fisher"), {
      params: Promise.resolve({ id: "company-thermo-fisher" }),
    });
    expect(response.status).toBe(503);
  });
});
